package dev.lineagegate.client.imports;

import dev.lineagegate.client.IngestClient;
import dev.lineagegate.client.IngestUnavailableException;
import dev.lineagegate.client.cli.EventSender;
import dev.lineagegate.config.Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lineage-gate import FILE|DIR…}: images from generative tools as runs (DESIGN.md §6.6).
 * Each image's embedded metadata is read, the model and input files it names are hashed under
 * {@code --models-dir}/{@code --input-dir} (cached by path, size and mtime), and its events are
 * sent through ingest with the client's retries. With {@code --watch}, the folders given are
 * followed and new images imported once whole; with {@code --check}, nothing is sent: each named
 * file's digest now is compared with the recorded one ({@link CheckRun}). Exit codes: 0 all sent
 * (with {@code --check}: every file the same), 1 {@code --check} found a file changed or missing, 2
 * a file refused or bad usage, 3 ingest unreachable.
 */
@Command(
    name = "import",
    description = "Import images from ComfyUI, AUTOMATIC1111/Forge, InvokeAI, NovelAI, Fooocus.")
public final class ImportCommand implements Callable<Integer> {

  static final int SENT = 0;
  static final int DIFFERS = 1;
  static final int REFUSED = 2;
  static final int UNREACHABLE = 3;

  /** How long a damaged image in a watched folder is taken for one still being written. */
  private static final Duration SETTLE = Duration.ofSeconds(10);

  private final Function<URI, EventSender> senders;
  private final Clock clock;

  @Spec private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Images, or folders of them.")
  private List<Path> paths;

  @Option(names = "--models-dir", paramLabel = "DIR", description = "ComfyUI's models/ folder.")
  private Path modelsDir;

  @Option(names = "--input-dir", paramLabel = "DIR", description = "ComfyUI's input/ folder.")
  private Path inputDir;

  @Option(names = "--pipeline", paramLabel = "P", description = "run.pipeline of the events.")
  private String pipeline;

  @Option(names = "--owner", paramLabel = "O", description = "run.owner of the events.")
  private String owner;

  @Option(names = "--watch", description = "Follow the folders given; import new images.")
  private boolean watch;

  @Option(names = "--check", description = "Would the images regenerate today? Sends nothing.")
  private boolean check;

  @Option(
      names = "--hash-cache",
      paramLabel = "FILE",
      description = "Where file hashes are remembered (default: ~/.cache/lineage-gate/hashes.tsv).")
  private Path hashCache;

  @Option(names = "--ingest-url", paramLabel = "URL", description = "Ingest base URL.")
  private URI ingestUrl;

  @Option(names = "--lineage-url", paramLabel = "URL", description = "lineage-stream base URL.")
  private URI lineageUrl;

  @Option(names = "--poll", defaultValue = "PT1S", hidden = true)
  private Duration poll;

  @Option(names = "--watch-for", hidden = true, description = "Stop watching after (tests).")
  private Duration watchFor;

  public ImportCommand(final Function<URI, EventSender> senders, final Clock clock) {
    this.senders = senders;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    for (final Path path : paths) {
      if (!Files.exists(path)) {
        err.println("import: no such file or folder: " + path);
        return REFUSED;
      }
    }
    final HashCache cache = HashCache.open(hashCache != null ? hashCache : defaultCache());
    final ModelFolders folders =
        modelsDir == null && inputDir == null ? null : new ModelFolders(modelsDir, inputDir, cache);
    try {
      if (check) {
        return new CheckRun(out, err, folders, lineageUrl()).run(ImageFiles.expand(paths));
      }
      final EventSender sender = senders.apply(ingestUrl());
      final Importer importer = new Importer(sender::sendAll, folders, pipeline, owner, clock);
      final ImportTally tally = new ImportTally(out, err);
      final List<ImageFiles.Source> sources = ImageFiles.expand(paths);
      final ImportProgress progress =
          new ImportProgress(err, System.console() != null, sources.size());
      final FolderWatch watcher =
          new FolderWatch(paths.stream().filter(Files::isDirectory).toList(), poll);
      int done = 0;
      for (final ImageFiles.Source source : sources) {
        final Importer.Outcome outcome = importer.importFile(source);
        progress.clear();
        tally.record(outcome);
        watcher.alreadyTaken(source.path());
        progress.update(++done, tally.refused());
      }
      if (watch) {
        watch(watcher, importer, tally, err);
      }
      tally.summary(cache);
      return tally.refused() > 0 ? REFUSED : SENT;
    } catch (IngestUnavailableException e) {
      err.println("import: " + e.getMessage());
      err.println("nothing is half-sent: importing the same files again sends the same eventIds");
      return UNREACHABLE;
    } catch (UncheckedIOException e) {
      err.println("import: " + e.getMessage());
      return REFUSED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SENT;
    }
  }

  private void watch(
      final FolderWatch watcher,
      final Importer importer,
      final ImportTally tally,
      final PrintWriter err)
      throws InterruptedException {
    final long until = watchFor == null ? Long.MAX_VALUE : System.nanoTime() + watchFor.toNanos();
    err.println("import: watching " + paths + " for new images (Ctrl-C to stop)");
    err.flush();
    watcher.run(
        () -> System.nanoTime() >= until,
        source -> {
          final Importer.Outcome outcome = importer.importFile(source);
          if (outcome instanceof Importer.Refused r && r.damaged() && recent(source.path())) {
            return false; // still being written, or a writer that pauses: read it again later
          }
          tally.record(outcome);
          err.println(
              "watching: " + tally.imported() + " imported, " + tally.refused() + " refused");
          err.flush();
          return true;
        });
  }

  /** Modified within {@link #SETTLE}: a damaged file that may yet be completed. */
  private boolean recent(final Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant().isAfter(clock.instant().minus(SETTLE));
    } catch (IOException e) {
      return false;
    }
  }

  private URI ingestUrl() {
    return ingestUrl != null ? ingestUrl : IngestClient.defaultBaseUrl();
  }

  private URI lineageUrl() {
    if (lineageUrl != null) {
      return lineageUrl;
    }
    final String configured = System.getenv(Settings.envName("lineage.url"));
    return URI.create(
        configured != null
            ? configured
            : System.getProperty("lineage.url", "http://127.0.0.1:8081"));
  }

  private static Path defaultCache() {
    final String xdg = System.getenv("XDG_CACHE_HOME");
    final Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("lineage-gate").resolve("hashes.tsv");
  }
}
