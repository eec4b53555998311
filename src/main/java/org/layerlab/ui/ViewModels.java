package org.layerlab.ui;

import java.util.function.Function;
import org.layerlab.ui.canvas.CanvasController;

/**
 * The view models of one window, made together because the step view models all share one
 * {@link ProjectViewModel}. Also the FXML controller factory: it hands each controller its view model.
 */
public record ViewModels(ProjectViewModel project, DataViewModel data, NetworkViewModel network,
                         TrainViewModel train, EvaluateViewModel evaluate, UseViewModel use) {

    public static ViewModels create(ProjectViewModel project, Function<Runnable, Ticker> tickers) {
        return new ViewModels(project, new DataViewModel(project), new NetworkViewModel(project),
                new TrainViewModel(project, tickers), new EvaluateViewModel(project),
                new UseViewModel(project, org.layerlab.core.dl4j.Dl4jModel::load));
    }

    /** For {@link javafx.fxml.FXMLLoader#setControllerFactory}; also reaches the controllers of included views. */
    public Object controllerFor(Class<?> type) {
        if (type == MainController.class) {
            return new MainController(this);
        }
        if (type == DataController.class) {
            return new DataController(data);
        }
        if (type == AugmentationController.class) {
            return new AugmentationController(project);
        }
        if (type == ImagePreprocessingController.class) {
            return new ImagePreprocessingController(new ImagePreprocessingViewModel(project), project);
        }
        if (type == ImagesController.class) {
            return new ImagesController(project);
        }
        if (type == NetworkController.class) {
            return new NetworkController(network);
        }
        if (type == CanvasController.class) {
            return new CanvasController(network.canvas());
        }
        if (type == TrainController.class) {
            return new TrainController(train);
        }
        if (type == EvaluateController.class) {
            return new EvaluateController(evaluate);
        }
        if (type == UseController.class) {
            return new UseController(use);
        }
        throw new IllegalArgumentException("No controller known for " + type.getName());
    }

    /** Stops a running training and releases background threads. */
    public void shutdown() {
        use.shutdown();
        train.shutdown();
        project.shutdown();
    }
}
