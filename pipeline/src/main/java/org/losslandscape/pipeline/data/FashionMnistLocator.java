package org.losslandscape.pipeline.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Finds the Fashion-MNIST files on this machine, downloading them only as a last resort.
 *
 * <p>Folders are tried in this order, and a folder counts only if it holds all four files:
 *
 * <ol>
 *   <li>the {@code --data-dir} value, if given; if it is not usable that is an error, because the
 *       user asked for exactly that folder (which may hold any IDX data set, not only
 *       Fashion-MNIST);
 *   <li>the folder named by the environment variable {@code FASHION_MNIST_DIR};
 *   <li>the per-user cache {@code ~/.cache/loss-landscape/fashion-mnist};
 *   <li>{@code /usr/share/datasets/fashion-mnist}, installed by the Debian/Ubuntu package {@code
 *       dataset-fashion-mnist};
 *   <li>a download from the official mirror into the per-user cache.
 * </ol>
 *
 * <p>Everything that depends on the machine is passed to the constructor so tests control it.
 */
public final class FashionMnistLocator {

  private static final Logger LOG = LogManager.getLogger();

  /** The environment variable that can name the data folder. */
  public static final String ENVIRONMENT_VARIABLE = "FASHION_MNIST_DIR";

  /** Where the Debian/Ubuntu package {@code dataset-fashion-mnist} installs the files. */
  public static final Path SYSTEM_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

  private final Map<String, String> environment;
  private final Path homeDirectory;
  private final Path systemDirectory;
  private final FashionMnistDownloader downloader;

  /**
   * Creates a locator.
   *
   * @param environment the process environment (only {@code FASHION_MNIST_DIR} is read)
   * @param homeDirectory the user's home folder, under which the cache lives
   * @param systemDirectory the folder a system package installs the data into
   * @param downloader used when no folder has the files
   */
  public FashionMnistLocator(
      Map<String, String> environment,
      Path homeDirectory,
      Path systemDirectory,
      FashionMnistDownloader downloader) {
    this.environment = Map.copyOf(environment);
    this.homeDirectory = homeDirectory;
    this.systemDirectory = systemDirectory;
    this.downloader = downloader;
  }

  /** A locator for this process: real environment, home folder and the official mirror. */
  public static FashionMnistLocator forThisMachine() {
    return new FashionMnistLocator(
        System.getenv(),
        Path.of(System.getProperty("user.home")),
        SYSTEM_DIRECTORY,
        FashionMnistDownloader.official());
  }

  /** The per-user cache folder, also the download target. */
  public Path cacheDirectory() {
    return homeDirectory.resolve(".cache").resolve("loss-landscape").resolve("fashion-mnist");
  }

  /**
   * Finds the data and reads it: the {@code --data-dir} folder (any IDX data set in Fashion-MNIST's
   * file names) if given, else Fashion-MNIST.
   *
   * @param dataDirOption the {@code --data-dir} value, empty if not given
   * @throws DataException if no usable folder is found or the files are malformed
   */
  public ImageDataSet load(Optional<Path> dataDirOption) {
    FashionMnistSource source = locate(dataDirOption);
    return IdxDataSet.load(source.directory(), source.describe());
  }

  /**
   * Finds the folder holding the four files, downloading them if no folder has them.
   *
   * @param dataDirOption the {@code --data-dir} value, empty if not given
   * @throws DataException if {@code --data-dir} is given but lacks files, or nothing was found and
   *     the download failed; the message lists what was tried and how to fix it
   */
  public FashionMnistSource locate(Optional<Path> dataDirOption) {
    if (dataDirOption.isPresent()) {
      return requireDataDirOption(dataDirOption.get());
    }
    List<Candidate> candidates = new ArrayList<>();
    String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      candidates.add(
          new Candidate(Path.of(fromEnvironment), FashionMnistSource.Origin.ENVIRONMENT));
    }
    candidates.add(new Candidate(cacheDirectory(), FashionMnistSource.Origin.USER_CACHE));
    candidates.add(new Candidate(systemDirectory, FashionMnistSource.Origin.SYSTEM_PACKAGE));

    List<String> tried = new ArrayList<>();
    for (Candidate candidate : candidates) {
      if (FashionMnistFiles.find(candidate.directory()).isPresent()) {
        return new FashionMnistSource(candidate.directory(), candidate.origin());
      }
      if (candidate.origin() == FashionMnistSource.Origin.ENVIRONMENT) {
        LOG.warn(
            "{}={} does not hold the Fashion-MNIST files (missing {}); looking elsewhere",
            ENVIRONMENT_VARIABLE,
            candidate.directory(),
            String.join(", ", FashionMnistFiles.missingNames(candidate.directory())));
      }
      tried.add(candidate.directory().toString());
    }
    return download(tried);
  }

  private static FashionMnistSource requireDataDirOption(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new DataException(
          "--data-dir "
              + directory
              + " does not exist or is not a folder;"
              + " point --data-dir at a folder with the four IDX files (named as Fashion-MNIST's).");
    }
    List<String> missing = FashionMnistFiles.missingNames(directory);
    if (!missing.isEmpty()) {
      throw new DataException(
          "--data-dir "
              + directory
              + " does not hold an IDX data set: missing "
              + String.join(", ", missing)
              + "; point --data-dir at a folder with the four files (named as Fashion-MNIST's).");
    }
    return new FashionMnistSource(directory, FashionMnistSource.Origin.DATA_DIR_OPTION);
  }

  private FashionMnistSource download(List<String> tried) {
    Path cache = cacheDirectory();
    LOG.info(
        "Fashion-MNIST not found in {}; downloading it from {} into {}",
        String.join(", ", tried),
        downloader.baseUrl(),
        cache);
    try {
      downloader.downloadInto(cache);
      FashionMnistFiles.require(cache);
    } catch (DataException e) {
      throw new DataException(
          "Fashion-MNIST not found (tried "
              + String.join(", ", tried)
              + ") and the download"
              + " failed: "
              + e.getMessage()
              + " Fix: apt-get install dataset-fashion-mnist, or pass --data-dir DIR, or set "
              + ENVIRONMENT_VARIABLE
              + "=DIR.",
          e);
    }
    return new FashionMnistSource(cache, FashionMnistSource.Origin.DOWNLOADED);
  }

  private record Candidate(Path directory, FashionMnistSource.Origin origin) {}
}
