/**
 * Serving a model bundle over HTTP ({@link org.layerlab.core.serve.PredictionServer}, on Javalin): predictions for
 * JSON rows, a health check and an OpenAPI description, with every bad request answered by a 400 and a message.
 */
package org.layerlab.core.serve;
