/**
 * Tabular data as LayerLab holds it: a {@link org.layerlab.core.data.Table} of typed columns read from
 * delimited text by {@link org.layerlab.core.data.CsvReader}, and the train/validation/test split.
 * Everything a user can get wrong in a data file is reported as a {@link org.layerlab.core.data.DataProblem}
 * whose message says what is wrong and what to do.
 */
package org.layerlab.core.data;
