package org.waymark.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder that holds an index and its rebuilds. Each build lives in its own numbered folder
 * ({@code generation-1}, {@code generation-2}, ...) and a small file, {@code current}, names the one in
 * use. Switching to a rebuilt index rewrites that file with an atomic rename, so after a crash the
 * folder names either the old index or the new one, never a mixture.
 */
public final class IndexHome {

    private static final String POINTER = "current";
    private static final String PREFIX = "generation-";

    private final Path root;

    public IndexHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The folder of the index in use, created (empty) on first use. */
    public Path current() {
        try {
            Files.createDirectories(root);
            Path pointer = root.resolve(POINTER);
            if (Files.exists(pointer)) {
                return root.resolve(
                        Files.readString(pointer, StandardCharsets.UTF_8).strip());
            }
            Path first = newGeneration();
            switchTo(first);
            return first;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the search index folder " + root, e);
        }
    }

    /** A new, empty folder for a rebuild, numbered after every folder there. */
    public Path newGeneration() {
        try {
            Files.createDirectories(root);
            int next = generations().stream().mapToInt(IndexHome::number).max().orElse(0) + 1;
            return Files.createDirectory(root.resolve(PREFIX + next));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a folder for a new search index in " + root, e);
        }
    }

    /** Makes a generation the one in use, atomically. */
    public void switchTo(Path generation) {
        try {
            Path next = root.resolve(POINTER + ".next");
            Files.writeString(next, generation.getFileName().toString(), StandardCharsets.UTF_8);
            Files.move(
                    next, root.resolve(POINTER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not switch the search index in " + root, e);
        }
    }

    /** Deletes one generation that is no longer in use, such as the one a rebuild replaced. */
    public void delete(Path generation) {
        Path folder = generation.toAbsolutePath().normalize();
        if (!root.equals(folder.getParent()) || folder.equals(current())) {
            throw new IllegalArgumentException("only a generation of this index that is not in use can be deleted");
        }
        deleteRecursively(folder);
    }

    /** Deletes every generation but the one in use, such as a rebuild that a crash interrupted. */
    public void deleteUnused() {
        Path inUse = current();
        for (Path generation : generations()) {
            if (!generation.equals(inUse)) {
                deleteRecursively(generation);
            }
        }
    }

    private List<Path> generations() {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(path -> Files.isDirectory(path)
                            && path.getFileName().toString().matches(PREFIX + "\\d+"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the search index folder " + root, e);
        }
    }

    private static int number(Path generation) {
        return Integer.parseInt(generation.getFileName().toString().substring(PREFIX.length()));
    }

    private static void deleteRecursively(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete an old search index in " + path, e);
        }
    }
}
