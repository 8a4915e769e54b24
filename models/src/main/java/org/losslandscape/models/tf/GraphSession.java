package org.losslandscape.models.tf;

import java.util.function.BiConsumer;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * A graph, the ops built on it, and an open session on it, acquired as one unit: if building the
 * ops, opening the session or loading data into it fails, whatever was opened is closed before the
 * exception propagates, so no native resource outlives a failed constructor. Every long-lived graph
 * of the tool is opened this way.
 *
 * @param <T> what the build step returns: the placeholders and outputs the owner will run
 */
public final class GraphSession<T> implements AutoCloseable {

  private final Graph graph;
  private final Session session;
  private final T parts;

  private GraphSession(Graph graph, Session session, T parts) {
    this.graph = graph;
    this.session = session;
    this.parts = parts;
  }

  /**
   * Builds ops with {@code build} (every op placed as {@code settings} say), opens a session with
   * {@code settings}, then runs {@code load} on it (e.g. to assign data to variables).
   */
  public static <T> GraphSession<T> open(
      ExecutionSettings settings, Function<Ops, T> build, BiConsumer<Session, T> load) {
    Graph graph = new Graph();
    Session session = null;
    try {
      T parts = build.apply(settings.ops(graph));
      session = settings.openSession(graph);
      load.accept(session, parts);
      return new GraphSession<>(graph, session, parts);
    } catch (RuntimeException | Error e) {
      closeQuietly(session, e);
      closeQuietly(graph, e);
      throw e;
    }
  }

  /** As {@link #open(ExecutionSettings, Function, BiConsumer)} with nothing to load. */
  public static <T> GraphSession<T> open(ExecutionSettings settings, Function<Ops, T> build) {
    return open(settings, build, (session, parts) -> {});
  }

  private static void closeQuietly(AutoCloseable resource, Throwable cause) {
    if (resource == null) {
      return;
    }
    try {
      resource.close();
    } catch (Exception | Error e) {
      cause.addSuppressed(e);
    }
  }

  /** The open session. */
  public Session session() {
    return session;
  }

  /** What the build step returned. */
  public T parts() {
    return parts;
  }

  /** The graph (for ops added later, e.g. a per-call subgraph). */
  public Graph graph() {
    return graph;
  }

  /** Closes the session, then the graph. */
  @Override
  public void close() {
    try {
      session.close();
    } finally {
      graph.close();
    }
  }
}
