/**
 * The one place where LayerLab meets Deeplearning4j and ND4J. It translates our own records
 * ({@link org.layerlab.core.graph.NetworkGraph}, {@link org.layerlab.core.train.TrainingConfig},
 * {@link org.layerlab.core.preprocess.EncodedSet}) into DL4J networks (always a {@code ComputationGraph}, see
 * docs/decisions/0005) and arrays, trains them
 * ({@link org.layerlab.core.dl4j.Dl4jTrainer}), wraps the result as a
 * {@link org.layerlab.core.train.TrainedModel} ({@link org.layerlab.core.dl4j.Dl4jModel}) and reports which
 * compute backend ND4J chose ({@link org.layerlab.core.dl4j.Nd4jBackend}).
 *
 * <p>DL4J, ND4J and DataVec types never leave this package: public methods take and return only LayerLab
 * and JDK types, and training events carry plain scalars, never an {@code INDArray}.
 */
package org.layerlab.core.dl4j;
