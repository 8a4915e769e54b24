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

  @Test
  void aFullDiskIsOneActionableLineTheOldFileStaysAndNoTemporaryIsLeft() throws IOException {
    Path target = folder.resolve("summary.json");
    Files.writeString(target, "{\"old\": true}");

    try (WriteFailures.Injection full = WriteFailures.inject(p -> true, 1)) {
      assertThatThrownBy(() -> AtomicFiles.write(target, "{\"new\": 1}".getBytes()))
          .isInstanceOf(DiskFullException.class)
          .hasMessageContaining("Cannot write " + target)
          .hasMessageContaining("the disk is full (No space left on device)")
          .hasMessageContaining("free some space and run the same command again")
          .hasMessageNotContaining("\n");
      assertThat(full.failed()).containsExactly(target);
    }

    assertThat(target).hasContent("{\"old\": true}");
    assertThat(listing(folder)).containsExactly("summary.json");
    assertThat(PendingWrites.process().registered()).noneMatch(p -> p.startsWith(folder));
    // The disk has room again: the same write goes through.
    AtomicFiles.write(target, "{\"new\": 1}".getBytes());
    assertThat(target).hasContent("{\"new\": 1}");
  }

  @Test
  void theNthMatchingWriteFailsAndSoDoEveryOneAfterItAsOnADiskThatStaysFull() throws IOException {
    Path keep = folder.resolve("keep");
    try (WriteFailures.Injection full = WriteFailures.inject(p -> p.startsWith(keep), 2)) {
      AtomicFiles.write(folder.resolve("elsewhere.txt"), new byte[] {1});
      AtomicFiles.write(keep.resolve("first.txt"), new byte[] {1});
      assertThatThrownBy(() -> AtomicFiles.write(keep.resolve("second.txt"), new byte[] {2}))
          .isInstanceOf(DiskFullException.class);
      assertThatThrownBy(() -> AtomicFiles.write(keep.resolve("third.txt"), new byte[] {3}))
          .isInstanceOf(DiskFullException.class);
      assertThat(full.matched())
          .containsExactly(
              keep.resolve("first.txt"), keep.resolve("second.txt"), keep.resolve("third.txt"));
    }
    assertThat(listing(keep)).containsExactly("first.txt");
  }

  @Test
  void aQuotaOrNoSpaceErrorAnywhereInTheCausesCountsAsAFullDisk() {
    assertThat(AtomicFiles.isDiskFull(new IOException("No space left on device"))).isTrue();
    assertThat(AtomicFiles.isDiskFull(new IOException("Disk quota exceeded"))).isTrue();
    assertThat(
            AtomicFiles.isDiskFull(
                new IllegalStateException("jhdf", new IOException("No space left on device"))))
        .isTrue();
    assertThat(AtomicFiles.isDiskFull(new IOException("Permission denied"))).isFalse();
    assertThat(AtomicFiles.isDiskFull(new IllegalStateException("No space left on device")))
        .as("only an I/O error says so")
        .isFalse();
    assertThat(AtomicFiles.describe(new IOException("No space left on device")))
        .isEqualTo("the disk is full (No space left on device)");
  }

  @Test
  void aFullDiskWhileWritingAnHdf5SurfaceLeavesNothingBehind() throws IOException {
    Path target = folder.resolve("surface.h5");
    org.losslandscape.models.landscape.GridSpec spec =
        new org.losslandscape.models.landscape.GridSpec(3, -1, 1);
    org.losslandscape.models.landscape.LandscapeGrid grid =
        new org.losslandscape.models.landscape.LandscapeGrid(
            spec, new double[3][3], new double[3][3], 10);
    try (WriteFailures.Injection full = WriteFailures.inject(p -> true, 1)) {
      assertThatThrownBy(() -> SurfaceHdf5.write(target, grid, SurfaceHdf5.Split.TRAIN))
          .isInstanceOf(DiskFullException.class)
          .hasMessageContaining("Cannot write the HDF5 surface " + target)
          .hasMessageContaining("the disk is full");
    }
    assertThat(listing(folder)).isEmpty();
  }

  private static java.util.List<String> listing(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }
}
