package org.waymark.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexHomeTests {

    @TempDir
    Path root;

    @Test
    void startsWithAnEmptyFirstGenerationAndKeepsNamingIt() {
        IndexHome home = new IndexHome(root);
        Path first = home.current();
        assertThat(first.getFileName()).hasToString("generation-1");
        assertThat(new IndexHome(root).current()).isEqualTo(first);
    }

    @Test
    void switchesToARebuildAndDeletesTheOldOne() throws Exception {
        IndexHome home = new IndexHome(root);
        Path old = home.current();
        Path rebuilt = home.newGeneration();
        assertThat(rebuilt.getFileName()).hasToString("generation-2");
        Files.writeString(rebuilt.resolve("segments_1"), "x");
        home.switchTo(rebuilt);
        home.deleteUnused();
        assertThat(new IndexHome(root).current()).isEqualTo(rebuilt);
        assertThat(old).doesNotExist();
        assertThat(rebuilt.resolve("segments_1")).exists();
    }

    @Test
    void aRebuildInterruptedBeforeTheSwitchLeavesTheOldIndexInUse() {
        IndexHome home = new IndexHome(root);
        Path inUse = home.current();
        Path interrupted = home.newGeneration();
        IndexHome afterRestart = new IndexHome(root);
        assertThat(afterRestart.current()).isEqualTo(inUse);
        afterRestart.deleteUnused();
        assertThat(interrupted).doesNotExist();
    }

    @Test
    void deletesOnlyTheReplacedGenerationNotANewerRebuildNorTheOneInUse() {
        IndexHome home = new IndexHome(root);
        Path replaced = home.current();
        Path inUse = home.newGeneration();
        home.switchTo(inUse);
        Path building = home.newGeneration();

        home.delete(replaced);

        assertThat(replaced).doesNotExist();
        assertThat(building).exists();
        assertThatThrownBy(() -> home.delete(inUse)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> home.delete(root.getParent())).isInstanceOf(IllegalArgumentException.class);
        assertThat(inUse).exists();
    }
}
