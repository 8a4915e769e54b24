package org.losslandscape.pipeline.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path folder;

  @Test
  void writesBytesAndCreatesMissingParentFolders() throws IOException {
    Path target = folder.resolve("a/b/result.txt");

    AtomicFiles.write(target, "hello".getBytes(StandardCharsets.UTF_8));

    assertThat(target).hasContent("hello");
    assertThat(listing(target.getParent())).containsExactly("result.txt");
  }

  @Test
  void replacesAnExistingFileWholesale() throws IOException {
    Path target = folder.resolve("result.txt");
    Files.writeString(target, "an older and much longer content");

    AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));

    assertThat(target).hasContent("new");
    assertThat(listing(folder)).containsExactly("result.txt");
  }

  @Test
  void writerFailureKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
    Path target = folder.resolve("result.txt");
    Files.writeString(target, "old");

    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write("partial".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("disk full");
                    }))
        .isInstanceOf(ResultsException.class)
        .hasMessageContaining(target.toString())
        .hasMessageContaining("disk full");

    assertThat(target).hasContent("old");
    assertThat(listing(folder)).containsExactly("result.txt");
  }

  @Test
  void uncheckedWriterFailureIsRethrownUnchangedAndCleanedUp() throws IOException {
    Path target = folder.resolve("result.txt");
    IllegalStateException failure = new IllegalStateException("bug in writer");

    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write(1);
                      throw failure;
                    }))
        .isSameAs(failure);

    assertThat(listing(folder)).isEmpty();
  }

  @Test
  void folderThatCannotBeCreatedGivesOneLineMessageNamingIt() throws IOException {
    // A regular file where a folder should be blocks creation even for root, unlike permissions.
    Path blocker = folder.resolve("blocker");
    Files.writeString(blocker, "I am a file");
    Path target = blocker.resolve("sub/result.npy");

    assertThatThrownBy(() -> AtomicFiles.write(target, new byte[] {1}))
        .isInstanceOf(ResultsException.class)
        .hasMessageContaining("Cannot write into folder " + blocker.resolve("sub"))
        .hasMessageNotContaining("\n");
  }

  @Test
  void temporaryFileIsAHiddenSiblingNamedAfterTheTarget() throws IOException {
    Path target = folder.resolve("grid.npy");
    String[] seenDuringWrite = new String[1];

    AtomicFiles.write(target, out -> seenDuringWrite[0] = String.join(",", listing(folder)));

    assertThat(seenDuringWrite[0]).matches("\\.grid\\.npy\\.tmp-\\d+");
    assertThat(target).exists().isEmptyFile();
  }

  @Test
  void writtenFileGetsTheSamePermissionsAsAnyNewFileNotOwnerOnly() throws IOException {
    // Results are often written in a container as root and read on the host as another user.
    Path target = folder.resolve("result.txt");
    Path ordinary = Files.createFile(folder.resolve("ordinary.txt"));

    AtomicFiles.write(target, new byte[] {1});

    assertThat(Files.getPosixFilePermissions(target))
        .isEqualTo(Files.getPosixFilePermissions(ordinary));
  }

  private static java.util.List<String> listing(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }
}
