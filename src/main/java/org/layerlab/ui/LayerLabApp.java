package org.layerlab.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.layerlab.core.dl4j.Dl4jTrainer;
import org.layerlab.core.dl4j.Nd4jBackend;
import org.layerlab.core.project.ProjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LayerLab window. Started by {@code org.layerlab.Main} through {@link #launchApp} (a class extending
 * {@link Application} cannot itself be the main class on a plain class path).
 *
 * <p>The window opens before ND4J is touched: the backend is detected on a background thread afterwards, and the
 * trainer is made on the training thread, so start-up stays quick.
 */
public class LayerLabApp extends Application {
    public static final int DEFAULT_WIDTH = 1280;
    public static final int DEFAULT_HEIGHT = 800;
    static final String STYLESHEET = "/css/layerlab.css";
    private static final Logger LOG = LoggerFactory.getLogger(LayerLabApp.class);

    private ViewModels viewModels;

    /** Opens the window; returns when it is closed. An argument naming a data or project file opens it. */
    public static void launchApp(String[] args) {
        Application.launch(LayerLabApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        // Lambdas, not method references: the engine classes are then not even loaded on this thread.
        ProjectViewModel project = ProjectViewModel.forApp(() -> Nd4jBackend.detect(), () -> new Dl4jTrainer());
        viewModels = ViewModels.create(project,
                task -> new FxPulseTicker(task, TrainViewModel.DRAIN_INTERVAL_MILLIS));
        Thread.currentThread().setUncaughtExceptionHandler((thread, failure) -> {
            LOG.error("Uncaught failure on the FX thread", failure);
            project.showError(failure);
        });

        Scene scene = new Scene(loadMainView(viewModels), DEFAULT_WIDTH, DEFAULT_HEIGHT);
        scene.getStylesheets().add(stylesheet());
        stage.setScene(scene);
        stage.titleProperty().bind(Bindings.createStringBinding(() -> title(project),
                project.tableProperty(), project.projectFileProperty()));
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        addIcons(stage);
        stage.show();

        project.detectBackend();
        WarmUp.startInBackground();
        openArguments(project, getParameters() == null ? List.of() : getParameters().getUnnamed());
    }

    @Override
    public void stop() {
        if (viewModels != null) {
            viewModels.shutdown();
        }
    }

    /** The view models of the open window (for tests that drive it). */
    ViewModels viewModels() {
        return viewModels;
    }

    static Parent loadMainView(ViewModels viewModels) {
        FXMLLoader loader = new FXMLLoader(MainController.class.getResource("MainView.fxml"));
        loader.setControllerFactory(viewModels::controllerFor);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("The main window's layout could not be loaded", e);
        }
    }

    static String stylesheet() {
        URL css = LayerLabApp.class.getResource(STYLESHEET);
        if (css == null) {
            throw new IllegalStateException(STYLESHEET + " is missing from the class path");
        }
        return css.toExternalForm();
    }

    private static String title(ProjectViewModel project) {
        Path projectFile = project.projectFileProperty().get();
        if (projectFile != null) {
            return "LayerLab — " + projectFile.getFileName();
        }
        if (project.getTable() != null) {
            return "LayerLab — " + project.getTable().source();
        }
        return "LayerLab";
    }

    private static void addIcons(Stage stage) {
        for (String size : new String[] {"16", "32", "64", "128", "256"}) {
            try (InputStream icon = LayerLabApp.class.getResourceAsStream("/icons/layerlab-" + size + ".png")) {
                if (icon != null) {
                    stage.getIcons().add(new Image(icon));
                }
            } catch (IOException ignored) {
                // An icon is a nicety; the window works without it.
            }
        }
    }

    private static void openArguments(ProjectViewModel project, List<String> arguments) {
        if (arguments.isEmpty()) {
            return;
        }
        Path file = Path.of(arguments.get(0));
        if (file.getFileName() != null && file.getFileName().toString().endsWith(ProjectStore.EXTENSION)) {
            project.openProject(file);
        } else {
            project.openDataFile(file);
        }
    }
}
