package org.losslandscape.pipeline.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs are split over several Markdown files that link to each other: every relative link and
 * image of every {@code *.md} file of the repository must point at a file that exists, and every
 * {@code #anchor} into a Markdown file at one of its headings (GitHub's slug of it). External
 * http(s) links are not fetched. The front page's shell commands must name scripts that exist.
 */
class MarkdownLinksTest {

  /** Folders that hold build output or other people's files, never docs of this repository. */
  private static final Set<String> SKIPPED_FOLDERS = Set.of("target", ".git", "node_modules");

  /** {@code [text](target)} and {@code ![alt](target)}, with an optional title after the target. */
  private static final Pattern INLINE_LINK =
      Pattern.compile(
          "!?\\[(?:[^\\[\\]]|\\[[^\\[\\]]*\\])*\\]\\(\\s*(<[^>]*>|[^)\\s]+)"
              + "(?:\\s+(?:\"[^\"]*\"|'[^']*'|\\([^)]*\\)))?\\s*\\)");

  /** {@code [label]: target} (a reference definition). */
  private static final Pattern REFERENCE_DEFINITION =
      Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*(<[^>]*>|\\S+)");

  /** {@code <img src="...">} and {@code <a href="...">}. */
  private static final Pattern HTML_LINK =
      Pattern.compile(
          "<(?:img|a)\\b[^>]*?\\b(?:src|href)\\s*=\\s*[\"']([^\"']*)[\"']",
          Pattern.CASE_INSENSITIVE);

  /** An explicit HTML anchor, {@code id="x"} or {@code name="x"}. */
  private static final Pattern HTML_ANCHOR =
      Pattern.compile(
          "<[a-z][^>]*?\\b(?:id|name)\\s*=\\s*[\"']([^\"']+)[\"']", Pattern.CASE_INSENSITIVE);

  private static final Pattern ATX_HEADING = Pattern.compile("^ {0,3}#{1,6}(?:\\s+(.*?))?\\s*$");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})\\s*([^`\\s]*)");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
  private static final Set<String> SHELL_LANGUAGES =
      Set.of("bash", "sh", "shell", "console", "zsh");

  @Test
  void everyRelativeLinkOfEveryMarkdownFileResolves() throws IOException {
    Path root = repositoryRoot();
    List<Path> docs = markdownFiles(root);
    assertThat(docs)
        .contains(
            root.resolve("README.md"),
            root.resolve("pipeline/README.md"),
            root.resolve("models/README.md"),
            root.resolve("results/README.md"));

    Map<Path, Set<String>> anchors = new HashMap<>();
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path doc : docs) {
      for (Link link : links(doc)) {
        checked++;
        String problem = problem(root, doc, link.target(), anchors);
        if (problem != null) {
          broken.add(
              root.relativize(doc) + ":" + link.line() + ": (" + link.target() + ") " + problem);
        }
      }
    }
    assertThat(checked).as("links found in %d Markdown files", docs.size()).isGreaterThan(50);
    assertThat(broken)
        .withFailMessage(
            "%d broken link(s) in the Markdown files:%n  %s",
            broken.size(), String.join(System.lineSeparator() + "  ", broken))
        .isEmpty();
  }

  @Test
  void everyScriptTheFrontPageRunsIsAnExecutableFile() throws IOException {
    Path root = repositoryRoot();
    Path readme = root.resolve("README.md");
    List<String> problems = new ArrayList<>();
    Set<String> scripts = new LinkedHashSet<>();
    for (ShellCommand command : shellCommands(readme)) {
      Script script = script(command.words());
      if (script == null) {
        continue;
      }
      scripts.add(script.path());
      Path file = root.resolve(script.path()).normalize();
      String where = "README.md:" + command.line() + ": " + script.path();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        problems.add(where + " does not exist");
      } else if (script.direct() && !Files.isExecutable(file)) {
        problems.add(where + " is not executable (chmod +x, and commit the mode)");
      }
    }
    assertThat(scripts)
        .as("the scripts README.md's shell blocks run")
        .contains("pipeline/bin/run-study", "pipeline/bin/run-tests");
    assertThat(problems)
        .withFailMessage(
            "README.md names scripts that cannot run:%n  %s",
            String.join(System.lineSeparator() + "  ", problems))
        .isEmpty();
  }

  @Test
  void slugsFollowGitHub() {
    assertThat(slug("Quick start")).isEqualTo("quick-start");
    assertThat(slug("Does the expected science hold? The tool's verdict"))
        .isEqualTo("does-the-expected-science-hold-the-tools-verdict");
    assertThat(slug("Sweeps: a grid of recipes, on this machine or on Spark"))
        .isEqualTo("sweeps-a-grid-of-recipes-on-this-machine-or-on-spark");
    assertThat(slug("`--device auto|cpu|cuda` and `--require-gpu`"))
        .isEqualTo("--device-autocpucuda-and---require-gpu");
    assertThat(slug("Landscape evaluation: 784-128-64-10, 31x31 grid, 10,000 training samples"))
        .isEqualTo("landscape-evaluation-784-128-64-10-31x31-grid-10000-training-samples");
    assertThat(slug("[`pipeline/`](pipeline/) and *λ_max*")).isEqualTo("pipeline-and-λ_max");
  }

  @Test
  void brokenLinksAndAnchorsAreFound(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("other.md"), "# Other page\n\n## A section\n");
    Path doc = tmp.resolve("doc.md");
    Files.writeString(
        doc,
        String.join(
            "\n",
            "# Doc",
            "[ok](other.md#a-section) [ok](#doc) [web](https://example.org/x#y)",
            "[no file](missing.md) [no anchor](other.md#nowhere) ![img](pic.png)",
            "<img src=\"gone.png\">",
            "```bash",
            "[not a link](inside-a-code-block.md)",
            "```",
            "`[not a link](inside-a-code-span.md)`",
            "<!-- [not a link](inside-a-comment.md) -->"));
    List<String> broken = new ArrayList<>();
    Map<Path, Set<String>> anchors = new HashMap<>();
    for (Link link : links(doc)) {
      String problem = problem(tmp, doc, link.target(), anchors);
      if (problem != null) {
        broken.add(link.line() + ":" + link.target());
      }
    }
    assertThat(broken)
        .containsExactly("3:missing.md", "3:other.md#nowhere", "3:pic.png", "4:gone.png");
  }

  // ---------------------------------------------------------------------------------------------

  /** The repository root: the first folder up from the module that holds the two modules. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath().normalize();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("pom.xml"))
          && Files.isDirectory(d.resolve("pipeline"))
          && Files.isDirectory(d.resolve("models"))) {
        return d;
      }
    }
    throw new IllegalStateException("no repository root above " + dir);
  }

  static List<Path> markdownFiles(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            Path name = dir.getFileName();
            return !dir.equals(root) && name != null && SKIPPED_FOLDERS.contains(name.toString())
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".md")) {
              files.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(null);
    return files;
  }

  record Link(int line, String target) {}

  /** The links of a Markdown file, outside code blocks, code spans and HTML comments. */
  static List<Link> links(Path doc) throws IOException {
    List<Link> links = new ArrayList<>();
    List<String> lines = proseLines(doc);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_DEFINITION, HTML_LINK)) {
        Matcher m = pattern.matcher(line);
        while (m.find()) {
          String target = m.group(1).strip();
          if (target.startsWith("<") && target.endsWith(">")) {
            target = target.substring(1, target.length() - 1).strip();
          }
          links.add(new Link(i + 1, target));
        }
      }
    }
    return links;
  }

  /**
   * The file's lines with fenced code blocks blanked, code spans replaced by a word and HTML
   * comments removed; line numbers stay those of the file.
   */
  static List<String> proseLines(Path doc) throws IOException {
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    // Comments may span lines: blank them but keep their line breaks.
    Matcher comments = Pattern.compile("<!--.*?-->", Pattern.DOTALL).matcher(text);
    StringBuilder without = new StringBuilder();
    while (comments.find()) {
      comments.appendReplacement(
          without, Matcher.quoteReplacement(comments.group().replaceAll("[^\n]", "")));
    }
    comments.appendTail(without);
    List<String> lines = new ArrayList<>();
    String fence = null;
    for (String line : without.toString().split("\n", -1)) {
      Matcher f = FENCE.matcher(line);
      if (fence == null && f.find()) {
        fence = f.group(1);
        lines.add("");
      } else if (fence != null) {
        if (line.strip().startsWith(fence)
            && line.strip().replace(fence.substring(0, 1), "").isEmpty()) {
          fence = null;
        }
        lines.add("");
      } else {
        lines.add(CODE_SPAN.matcher(line).replaceAll("code"));
      }
    }
    return lines;
  }

  /** Why {@code target}, linked from {@code doc}, is broken, or null when it resolves. */
  static String problem(Path root, Path doc, String target, Map<Path, Set<String>> anchorCache)
      throws IOException {
    if (target.isEmpty()) {
      return "empty link";
    }
    if (SCHEME.matcher(target).find()) {
      return null; // http(s), mailto: not fetched
    }
    int hash = target.indexOf('#');
    String pathPart = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    int query = pathPart.indexOf('?');
    if (query >= 0) {
      pathPart = pathPart.substring(0, query);
    }
    pathPart = URLDecoder.decode(pathPart.replace("+", "%2B"), StandardCharsets.UTF_8);
    Path file;
    if (pathPart.isEmpty()) {
      file = doc;
    } else if (pathPart.startsWith("/")) {
      file = root.resolve(pathPart.substring(1)).normalize();
    } else {
      file = doc.getParent().resolve(pathPart).normalize();
    }
    if (!file.startsWith(root)) {
      return "points outside the repository";
    }
    if (!Files.exists(file)) {
      return "no such file: " + root.relativize(file);
    }
    if (anchor == null || anchor.isEmpty() || !file.getFileName().toString().endsWith(".md")) {
      return null;
    }
    if (Files.isDirectory(file)) {
      return "an anchor into a folder";
    }
    Set<String> known = anchorCache.computeIfAbsent(file, MarkdownLinksTest::anchorsUnchecked);
    String wanted = URLDecoder.decode(anchor.replace("+", "%2B"), StandardCharsets.UTF_8);
    return known.contains(wanted.toLowerCase(Locale.ROOT)) || known.contains(wanted)
        ? null
        : "no heading '#" + anchor + "' in " + root.relativize(file);
  }

  private static Set<String> anchorsUnchecked(Path file) {
    try {
      return anchors(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  /** The anchors GitHub gives a Markdown file: one per heading, plus explicit HTML ids. */
  static Set<String> anchors(Path file) throws IOException {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    List<String> lines = proseLines(file);
    List<String> raw = rawLinesWithoutCode(file);
    for (int i = 0; i < lines.size(); i++) {
      String heading = null;
      Matcher atx = ATX_HEADING.matcher(raw.get(i));
      if (!lines.get(i).isEmpty() && atx.matches()) {
        heading = atx.group(1) == null ? "" : atx.group(1).replaceAll("\\s+#+\\s*$", "");
      } else if (i > 0
          && !lines.get(i - 1).isBlank()
          && !raw.get(i - 1).stripLeading().startsWith("|")
          && !raw.get(i - 1).stripLeading().startsWith("#")
          && raw.get(i).matches("^ {0,3}(=+|-+)\\s*$")
          && !isListOrQuote(raw.get(i - 1))) {
        heading = raw.get(i - 1).strip();
      }
      if (heading != null) {
        String base = slug(heading);
        int n = seen.merge(base, 1, Integer::sum) - 1;
        anchors.add(n == 0 ? base : base + "-" + n);
      }
      Matcher html = HTML_ANCHOR.matcher(lines.get(i));
      while (html.find()) {
        anchors.add(html.group(1));
      }
    }
    return anchors;
  }

  private static boolean isListOrQuote(String line) {
    return line.matches("^\\s*([-*+>]|\\d+[.)])\\s.*");
  }

  /** The file's lines as written, with fenced code blocks blanked (code spans kept for slugs). */
  private static List<String> rawLinesWithoutCode(Path file) throws IOException {
    List<String> prose = proseLines(file);
    String[] raw = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < raw.length; i++) {
      lines.add(prose.get(i).isEmpty() ? "" : raw[i]);
    }
    return lines;
  }

  /**
   * GitHub's anchor for a heading: the text as rendered (links and images give their text, markup
   * and HTML tags are dropped), lower-cased, every character that is not a letter, a digit, an
   * underscore, a hyphen or a space removed, and each space turned into a hyphen.
   */
  static String slug(String heading) {
    String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
    text = text.replaceAll("<[^>]+>", "");
    text = text.strip().toLowerCase(Locale.ROOT);
    text = text.replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc}\\- ]", "");
    return text.replace(' ', '-');
  }

  record ShellCommand(int line, List<String> words) {}

  /** The simple commands of a file's shell code blocks, continuation lines joined. */
  static List<ShellCommand> shellCommands(Path doc) throws IOException {
    List<ShellCommand> commands = new ArrayList<>();
    String[] lines = Files.readString(doc, StandardCharsets.UTF_8).split("\n", -1);
    String fence = null;
    boolean shell = false;
    StringBuilder pending = new StringBuilder();
    int pendingLine = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      Matcher f = FENCE.matcher(line);
      if (fence == null) {
        if (f.find()) {
          fence = f.group(1);
          shell = SHELL_LANGUAGES.contains(f.group(2).toLowerCase(Locale.ROOT));
        }
        continue;
      }
      if (line.strip().startsWith(fence)
          && line.strip().replace(fence.substring(0, 1), "").isEmpty()) {
        fence = null;
        continue;
      }
      if (!shell) {
        continue;
      }
      String text = line.strip();
      if (text.startsWith("$ ")) {
        text = text.substring(2);
      }
      text = text.replaceAll("(^|\\s)#.*$", "").strip();
      if (pending.isEmpty()) {
        pendingLine = i + 1;
      }
      if (text.endsWith("\\")) {
        pending.append(text, 0, text.length() - 1).append(' ');
        continue;
      }
      pending.append(text);
      for (String part : pending.toString().split("&&|\\|\\||;|\\|")) {
        List<String> words = new ArrayList<>(List.of(part.strip().split("\\s+")));
        words.removeIf(String::isEmpty);
        if (!words.isEmpty()) {
          commands.add(new ShellCommand(pendingLine, words));
        }
      }
      pending.setLength(0);
    }
    return commands;
  }

  /** A script a command runs: directly (needs the execute bit) or through bash or sh. */
  record Script(String path, boolean direct) {}

  /** The repository script a command runs, or null when it runs a program on the PATH. */
  static Script script(List<String> words) {
    int i = 0;
    while (i < words.size()) {
      String w = words.get(i);
      if (w.matches("[A-Za-z_][A-Za-z0-9_]*=.*")
          || Set.of("sudo", "env", "exec", "time", "nohup", "command").contains(w)) {
        i++;
      } else if (w.equals("nice")) {
        i++;
        if (i < words.size() && words.get(i).equals("-n")) {
          i += 2;
        } else if (i < words.size() && words.get(i).matches("-\\d+")) {
          i++;
        }
      } else {
        break;
      }
    }
    if (i >= words.size()) {
      return null;
    }
    String program = words.get(i);
    boolean direct = true;
    if (program.equals("bash") || program.equals("sh")) {
      direct = false;
      i++;
      while (i < words.size() && words.get(i).startsWith("-")) {
        i++;
      }
      if (i >= words.size()) {
        return null;
      }
      program = words.get(i);
    }
    if (!program.contains("/")
        || program.startsWith("/")
        || program.startsWith("~")
        || program.startsWith("$")) {
      return null;
    }
    return new Script(program.startsWith("./") ? program.substring(2) : program, direct);
  }
}
