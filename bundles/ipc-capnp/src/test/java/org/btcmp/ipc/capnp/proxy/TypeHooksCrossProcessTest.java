package org.btcmp.ipc.capnp.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.proxy.hooks.GeneratedHooks;
import org.btcmp.ipc.capnp.proxy.hooks.Hooks;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every type hook through generated proxies (hooks.capnp) between two JVMs over a UNIX socket. */
class TypeHooksCrossProcessTest {
    @TempDir
    Path dir;
    private PeerProcess peer;
    private ProxyConnection connection;
    private Hooks hooks;

    @BeforeEach
    void connect() throws Exception {
        peer = PeerProcess.start(dir);
        connection = ProxyConnection.start(UnixSockets.connect(Path.of(peer.socket + ".hooks"), FrameLimits.DEFAULT),
                GeneratedHooks.registry(), Hooks.class, null);
        hooks = connection.bootstrap(Hooks.class);
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
        peer.close();
    }

    @Test
    void everyAutomaticHookInARecordRoundTrips() {
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("b", 2L);
        totals.put("a", -1L);
        Hooks.Everything value = new Hooks.Everything(true, (byte) -7, (short) -300, '\u20ac', -123456, 1L << 40,
                1.5f, -2.25e100, "h\u00e9llo", new byte[] {0, -1, 127}, Hooks.Color.DARK_GREEN, List.of(3, -4, 5),
                new LinkedHashSet<>(List.of("z", "y")), totals, Optional.of("nick"), OptionalLong.of(-9),
                List.of(new Hooks.Point(1, 2), new Hooks.Point(-3, 4)));
        Hooks.Everything back = hooks.roundTrip(value);
        assertTrue(back.flag());
        assertEquals(value.i8(), back.i8());
        assertEquals(value.i16(), back.i16());
        assertEquals(value.letter(), back.letter());
        assertEquals(value.i32(), back.i32());
        assertEquals(value.i64(), back.i64());
        assertEquals(value.f32(), back.f32());
        assertEquals(value.f64(), back.f64());
        assertEquals(value.text(), back.text());
        assertArrayEquals(value.bytes(), back.bytes());
        assertEquals(Hooks.Color.DARK_GREEN, back.color());
        assertEquals(value.ints(), back.ints());
        assertEquals(List.of("z", "y"), new ArrayList<>(back.names()));
        assertEquals(List.of("b", "a"), new ArrayList<>(back.totals().keySet()));
        assertEquals(totals, back.totals());
        assertEquals(Optional.of("nick"), back.nickname());
        assertEquals(OptionalLong.of(-9), back.big());
        assertEquals(value.points(), back.points());
    }

    @Test
    void emptyOptionalsAndEmptyCollectionsStayEmpty() {
        Hooks.Everything value = new Hooks.Everything(false, (byte) 0, (short) 0, 'a', 0, 0, 0, 0, "", new byte[0],
                Hooks.Color.RED, List.of(), Set.of(), Map.of(), Optional.empty(), OptionalLong.empty(), List.of());
        Hooks.Everything back = hooks.roundTrip(value);
        assertFalse(back.flag());
        assertEquals("", back.text());
        assertEquals(0, back.bytes().length);
        assertEquals(List.of(), back.ints());
        assertEquals(Set.of(), back.names());
        assertEquals(Map.of(), back.totals());
        assertEquals(Optional.empty(), back.nickname());
        assertEquals(OptionalLong.empty(), back.big());
    }

    @Test
    void enumsListsCollectionsAndOptionalResults() {
        assertEquals(Hooks.Color.BLUE, hooks.next(Hooks.Color.DARK_GREEN));
        assertEquals(Hooks.Color.RED, hooks.next(Hooks.Color.BLUE));
        assertEquals(6, hooks.sum(Set.of(1, 2, 3)));
        assertEquals(OptionalDouble.of(2.5), hooks.ratio(5, 2));
        assertEquals(OptionalDouble.empty(), hooks.ratio(5, 0));
        assertEquals(List.of("AB", "", "C"), hooks.upper(List.of("ab", "", "c")));
    }

    @Test
    void outputParametersComeBackThroughHolders() {
        AtomicReference<String> head = new AtomicReference<>();
        AtomicInteger length = new AtomicInteger(-1);
        AtomicBoolean empty = new AtomicBoolean(true);
        AtomicLong total = new AtomicLong();
        hooks.split("xyz", head, length, empty, total);
        assertEquals("x", head.get());
        assertEquals(3, length.get());
        assertFalse(empty.get());
        assertEquals('x' + 'y' + 'z', total.get());
    }

    @Test
    void functionalInterfacesTravelAsCallbacksCalledDuringTheCallAndLater() throws Exception {
        Thread caller = Thread.currentThread();
        List<String> steps = new CopyOnWriteArrayList<>();
        hooks.work(3, (done, total) -> steps.add(done + "/" + total + (Thread.currentThread() == caller ? "" : " off-thread")));
        assertEquals(List.of("1/3", "2/3", "3/3"), steps);
        List<String> later = new CopyOnWriteArrayList<>();
        hooks.keep((done, total) -> later.add("later " + done));
        assertEquals(1, hooks.fire(9));
        assertEquals(List.of("later 9"), later);
    }

    @Test
    void javaUtilFunctionsTravelAsCallbacksRunOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        List<String> seen = new CopyOnWriteArrayList<>();
        hooks.each(List.of("a", "b", "c"), v -> seen.add(v + (Thread.currentThread() == caller ? "" : " off-thread")));
        assertEquals(List.of("a", "b", "c"), seen);
        assertEquals(List.of("#1", "#-2", "#3"), hooks.map(List.of(1, -2, 3), i -> {
            assertSame(caller, Thread.currentThread());
            return "#" + i;
        }));
        assertEquals("got!", hooks.supply(() -> "got"));
        AtomicInteger runs = new AtomicInteger();
        assertEquals(3, hooks.repeat(() -> runs.addAndGet(Thread.currentThread() == caller ? 1 : 100), 3));
        assertEquals(3, runs.get());
        List<String> order = new CopyOnWriteArrayList<>();
        assertEquals(2, hooks.runAll(java.util.Arrays.asList(() -> order.add("x"), null, () -> order.add("y"))));
        assertEquals(List.of("x", "y"), order, "a list of functions travels as a List of callback interfaces");
    }

    @Test
    void anExceptionThrownInsideACallbackReachesTheCaller() {
        List<String> seen = new CopyOnWriteArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> hooks.each(List.of("a", "b", "c"), v -> {
            seen.add(v);
            if (v.equals("b")) {
                throw new IllegalStateException("no " + v);
            }
        }));
        assertEquals("no b", e.getMessage());
        assertEquals(List.of("a", "b"), seen, "the peer went on after the callback failed");
        AtomicInteger runs = new AtomicInteger();
        IllegalArgumentException second = assertThrows(IllegalArgumentException.class, () -> hooks.repeat(() -> {
            if (runs.incrementAndGet() == 2) {
                throw new IllegalArgumentException("second run");
            }
        }, 5));
        assertEquals("second run", second.getMessage());
        assertEquals(2, runs.get());
        assertEquals("still!", hooks.supply(() -> "still"), "the connection goes on");
    }

    @Test
    void listsOfCapabilitiesTravelBothWaysAndOurOwnObjectsComeHome() throws Exception {
        Thread caller = Thread.currentThread();
        List<String> steps = new CopyOnWriteArrayList<>();
        Hooks.Progress first = (done, total) -> steps.add("first " + done + "/" + total + (Thread.currentThread() == caller ? "" : " off-thread"));
        Hooks.Progress second = (done, total) -> steps.add("second " + done + "/" + total);
        List<Hooks.Progress> back = hooks.relay(List.of(first, second));
        assertEquals(List.of("first 0/2", "second 1/2"), steps);
        assertEquals(3, back.size());
        assertSame(second, back.get(0), "our own object came back as a proxy");
        assertSame(first, back.get(1));
        back.get(2).step(5, 6); // the peer's own listener, called through its proxy
        peer.await("EVENT relayed 5/6", Duration.ofSeconds(60));
        assertEquals(1, hooks.relay(List.of()).size(), "an empty list, plus the peer's listener");
    }

    @Test
    void listsOfListsRoundTrip() {
        assertEquals(List.of(List.of(1, 4), List.of(2, 5), List.of(3, 6)),
                hooks.transpose(List.of(List.of(1, 2, 3), List.of(4, 5, 6))));
        assertEquals(List.of(List.of(7)), hooks.transpose(List.of(List.of(7))));
        assertEquals(List.of(), hooks.transpose(List.of()));
        assertEquals(List.of(), hooks.transpose(List.of(List.of(), List.of())));
    }

    @Test
    void closingTheBootstrapProxyReleasesItButDoesNotCloseThePeersObject() throws Exception {
        assertEquals(Hooks.Color.BLUE, hooks.next(Hooks.Color.DARK_GREEN));
        hooks.close();
        assertThrows(IllegalStateException.class, () -> hooks.next(Hooks.Color.RED));
        // The bootstrap object belongs to the peer: destroy does not close it.
        assertThrows(AssertionError.class, () -> peer.await("EVENT hooks-closed", Duration.ofMillis(500)));
        assertTrue(connection.isConnected());
    }
}
