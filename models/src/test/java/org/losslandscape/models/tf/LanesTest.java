package org.losslandscape.models.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LanesTest {

  private static final List<Integer> TEN = IntStream.range(0, 10).boxed().toList();

  @Test
  void resultsComeBackInTheOrderOfTheItems() {
    for (int lanes : new int[] {1, 2, 3, 16}) {
      assertThat(new Lanes(lanes).map(TEN, i -> i * i))
          .containsExactly(0, 1, 4, 9, 16, 25, 36, 49, 64, 81);
    }
  }

  @Test
  void twoLanesRunTwoItemsAtOnce() throws Exception {
    // Each of the first two items waits until both have started: only concurrent lanes finish.
    CountDownLatch bothStarted = new CountDownLatch(2);
    List<Boolean> met =
        new Lanes(2)
            .map(
                List.of(1, 2),
                i -> {
                  bothStarted.countDown();
                  try {
                    return bothStarted.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                });
    assertThat(met).containsExactly(true, true);
  }

  @Test
  void eachLaneMakesOneResourceUsesItForItsItemsAndClosesIt() {
    AtomicInteger made = new AtomicInteger();
    Set<Integer> closed = ConcurrentHashMap.newKeySet();
    List<Integer> owners =
        new Lanes(3)
            .map(
                TEN,
                () -> {
                  int id = made.incrementAndGet();
                  return new Owner(id, closed);
                },
                (owner, item) -> owner.id);
    assertThat(made.get()).isBetween(1, 3);
    assertThat(closed).hasSize(made.get());
    assertThat(owners).allMatch(id -> id >= 1 && id <= made.get());
  }

  private record Owner(int id, Set<Integer> closed) implements AutoCloseable {
    @Override
    public void close() {
      closed.add(id);
    }
  }

  @Test
  void theFirstFailureIsRethrownAndLaterItemsAreNotStarted() {
    List<Integer> started = Collections.synchronizedList(new ArrayList<>());
    for (int lanes : new int[] {1, 2}) {
      started.clear();
      assertThatThrownBy(
              () ->
                  new Lanes(lanes)
                      .map(
                          TEN,
                          i -> {
                            started.add(i);
                            if (i == 1) {
                              throw new IllegalArgumentException("item 1 is bad");
                            }
                            if (i >= 2) {
                              sleep(50); // the failure of item 1 lands long before item 5
                            }
                            return i;
                          }))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("item 1 is bad");
      assertThat(started).doesNotContain(5, 6, 7, 8, 9);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void lanesMustBePositive() {
    assertThatThrownBy(() -> new Lanes(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
