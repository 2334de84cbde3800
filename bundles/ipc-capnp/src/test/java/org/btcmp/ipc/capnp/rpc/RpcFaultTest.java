package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.net.UnixSocketListener;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.rpc.schema.RpcProtocol;
import org.btcmp.ipc.capnp.wire.Frame;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.btcmp.ipc.capnp.wire.FrameReader;
import org.btcmp.ipc.capnp.wire.FrameWriter;
import org.capnproto.MessageBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/**
 * A misbehaving peer, speaking raw frames to our Java server: each fault gets the protocol's answer
 * (Unimplemented, an exception Return, or Abort and a closed connection), and a well-behaved client
 * connected beside it keeps being served.
 */
class RpcFaultTest {
    private static final Duration NO_HANG = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private UnixSocketListener listener;
    private final List<RpcConnection> connections = new CopyOnWriteArrayList<>();
    private RpcConnection goodClient;
    private Rpctest.Calc.Client goodCalc;
    private AFUNIXSocketChannel raw;
    private FrameWriter rawOut;
    private FrameReader rawIn;

    @BeforeEach
    void serve() throws IOException {
        Path socket = dir.resolve("calc.sock");
        listener = UnixSockets.listen(socket, FrameLimits.DEFAULT);
        Capability calc = Capability.of(new JavaCalc());
        Thread acceptor = new Thread(() -> {
            try (calc) {
                while (true) {
                    connections.add(RpcConnection.start(listener.accept(), calc));
                }
            } catch (IpcException closed) {
                // listener closed
            }
        }, "fault-test-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        goodClient = RpcConnection.start(UnixSockets.connect(socket, FrameLimits.DEFAULT), null);
        goodCalc = new Rpctest.Calc.Client(goodClient.bootstrap());
        raw = AFUNIXSocketChannel.open(AFUNIXSocketAddress.of(socket));
        rawOut = new FrameWriter(raw);
        rawIn = new FrameReader(raw, FrameLimits.DEFAULT);
    }

    @AfterEach
    void stop() throws IOException {
        assertEquals("still served", Calls.echo(goodCalc, "still served"), "the other connection is unharmed");
        raw.close();
        goodCalc.close();
        goodClient.close();
        listener.close();
        connections.forEach(RpcConnection::close);
    }

    @Test
    void anUnknownMessageKindIsAnsweredWithUnimplemented() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            MessageBuilder message = new MessageBuilder();
            RawStruct.Builder root = message.initRoot(RawStruct.factory(1, 1));
            root.setInt(0, 77); // a union tag no schema version has
            rawOut.write(message);
            RpcProtocol.Message.Reader reply = next();
            assertEquals(RpcProtocol.Message.Which.UNIMPLEMENTED, reply.which());
            assertEquals(RpcProtocol.Message.Which._NOT_IN_SCHEMA, reply.getUnimplemented().which());
            assertRawConnectionWorks();
        });
    }

    @Test
    void aLevelThreeMessageIsAnsweredWithUnimplemented() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            MessageBuilder message = new MessageBuilder();
            message.initRoot(RpcProtocol.Message.factory).initProvide().setQuestionId(5);
            rawOut.write(message);
            RpcProtocol.Message.Reader reply = next();
            assertEquals(RpcProtocol.Message.Which.UNIMPLEMENTED, reply.which());
            assertEquals(5, reply.getUnimplemented().getProvide().getQuestionId());
            assertRawConnectionWorks();
        });
    }

    @Test
    void aCallToAnUnknownExportGetsAnExceptionReturn() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            MessageBuilder message = new MessageBuilder();
            RpcProtocol.Call.Builder call = message.initRoot(RpcProtocol.Message.factory).initCall();
            call.setQuestionId(3);
            call.initTarget().setImportedCap(42);
            call.setInterfaceId(Rpctest.Calc.TYPE_ID);
            call.initParams();
            rawOut.write(message);
            RpcProtocol.Message.Reader reply = next();
            assertEquals(RpcProtocol.Message.Which.RETURN, reply.which());
            assertEquals(3, reply.getReturn().getAnswerId());
            assertTrue(reply.getReturn().isException());
            assertEquals("Call target 42 is not a current export", reply.getReturn().getException().getReason().toString());
            finish(3);
            assertRawConnectionWorks();
        });
    }

    @Test
    void aReturnForAQuestionNeverAskedIsAborted() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            MessageBuilder message = new MessageBuilder();
            message.initRoot(RpcProtocol.Message.factory).initReturn().setAnswerId(9);
            rawOut.write(message);
            assertAborted("Return for question 9");
        });
    }

    @Test
    void anOutOfBoundsPointerIsAborted() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            // Root: a Message struct (1 data word, 1 pointer) whose union says Call and whose pointer
            // claims a struct 1000 words past the end of the segment.
            ByteBuffer frame = ByteBuffer.allocate(8 + 4 * 8).order(ByteOrder.LITTLE_ENDIAN);
            frame.putInt(0).putInt(4);
            frame.putLong(0x0001_0001_0000_0000L); // root struct pointer: offset 0, 1 data word, 1 pointer
            frame.putLong(2); // union tag 2 = call
            frame.putLong((1000L << 2) | (0x0003_0003L << 32)); // struct pointer far out of bounds
            frame.putLong(0);
            raw.write(frame.flip());
            assertAborted("bad message");
        });
    }

    @Test
    void aPointerLoopIsAbortedNotFollowedForever() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            // An unknown kind (so the server copies it into Unimplemented) whose pointer field points
            // back at its own struct: copying it runs into the nesting limit.
            ByteBuffer frame = ByteBuffer.allocate(8 + 4 * 8).order(ByteOrder.LITTLE_ENDIAN);
            frame.putInt(0).putInt(4);
            frame.putLong(0x0001_0001_0000_0000L); // root: struct at word 1, 1 data word, 1 pointer
            frame.putLong(77); // union tag 77
            frame.putLong(0x0001_0001_ffff_fff8L); // pointer (word 2), offset -2: back to its own struct (word 1)
            frame.putLong(0);
            raw.write(frame.flip());
            assertAborted("bad message");
        });
    }

    @Test
    void nestingDeeperThanTheLimitIsAborted() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            MessageBuilder message = new MessageBuilder();
            RawStruct.Builder struct = message.initRoot(RawStruct.factory(1, 1));
            struct.setInt(0, 77);
            for (int depth = 0; depth < 100; depth++) {
                struct = struct.pointer(0).initAs(RawStruct.factory(1, 1));
            }
            rawOut.write(message);
            assertAborted("nested");
        });
    }

    @Test
    void aFrameOf512SegmentsIsAborted() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            ByteBuffer frame = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            frame.putInt(511).putInt(1);
            raw.write(frame.flip());
            assertAborted("512");
        });
    }

    /** Frame headers (32-bit words) the framing refuses, and what the Abort then says. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-1 0            | 0 segments",
        "0 0             | first segment is empty",
        "0 268435456     | 2147483648 bytes",
        "1 4194304 4194305 0 | more than the traversal limit",
    })
    void aRefusedFrameHeaderIsAborted(String header, String reason) {
        assertTimeoutPreemptively(NO_HANG, () -> {
            String[] words = header.trim().split("\\s+");
            ByteBuffer frame = ByteBuffer.allocate(4 * words.length).order(ByteOrder.LITTLE_ENDIAN);
            for (String word : words) {
                frame.putInt(Integer.parseInt(word));
            }
            raw.write(frame.flip());
            assertAborted(reason);
        });
    }

    @Test
    void aFrameCutShortByAVanishingPeerIsDroppedQuietly() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            ByteBuffer frame = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            frame.putInt(0).putInt(10).putLong(0); // 10 words declared, 1 sent
            raw.write(frame.flip());
            raw.close();
            // @AfterEach checks that the other connection is still served
        });
    }

    @Test
    void aMessageOf511SegmentsIsServed() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            MessageBuilder bootstrap = new MessageBuilder();
            bootstrap.initRoot(RpcProtocol.Message.factory).initBootstrap().setQuestionId(0);
            ByteBuffer first = bootstrap.getSegmentsForOutput()[0];
            ByteBuffer[] segments = new ByteBuffer[511];
            segments[0] = first;
            for (int i = 1; i < segments.length; i++) {
                segments[i] = ByteBuffer.allocate(8); // one zero word each, never pointed at
            }
            rawOut.write(segments);
            RpcProtocol.Message.Reader reply = next();
            assertEquals(0, reply.getReturn().getAnswerId());
            assertTrue(reply.getReturn().isResults());
        });
    }

    @Test
    void aReleaseOfMoreReferencesThanExportedIsAborted() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            MessageBuilder bootstrap = new MessageBuilder();
            bootstrap.initRoot(RpcProtocol.Message.factory).initBootstrap().setQuestionId(0);
            rawOut.write(bootstrap);
            RpcProtocol.Message.Reader reply = next();
            int exportId = reply.getReturn().getResults().getCapTable().get(0).getSenderHosted();
            MessageBuilder release = new MessageBuilder();
            RpcProtocol.Release.Builder r = release.initRoot(RpcProtocol.Message.factory).initRelease();
            r.setId(exportId);
            r.setReferenceCount(2);
            rawOut.write(release);
            assertAborted("Release of 2 references");
        });
    }

    @Test
    void aSenderLoopbackDisembargoIsReflectedToTheCapabilityItResolvedTo() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            // Bootstrap (question 0), then identity(our export 7) pipelined on it (question 1): the
            // results name our own export, so a senderLoopback Disembargo on them must come back to 7.
            MessageBuilder bootstrap = new MessageBuilder();
            bootstrap.initRoot(RpcProtocol.Message.factory).initBootstrap().setQuestionId(0);
            rawOut.write(bootstrap);
            MessageBuilder message = new MessageBuilder();
            RpcProtocol.Call.Builder call = message.initRoot(RpcProtocol.Message.factory).initCall();
            call.setQuestionId(1);
            call.initTarget().initPromisedAnswer().setQuestionId(0);
            call.setInterfaceId(Rpctest.Calc.TYPE_ID);
            call.setMethodId((short) 10); // Calc.identity @10
            RpcProtocol.Payload.Builder params = call.initParams();
            params.getContent().initAs(Rpctest.Calc.IdentityParams.factory).setCallback(0);
            params.initCapTable(1).get(0).setSenderHosted(7);
            rawOut.write(message);
            assertEquals(0, next().getReturn().getAnswerId());
            RpcProtocol.Return.Reader identity = next().getReturn();
            assertEquals(1, identity.getAnswerId());
            assertEquals(7, identity.getResults().getCapTable().get(0).getReceiverHosted());

            MessageBuilder embargo = new MessageBuilder();
            RpcProtocol.Disembargo.Builder disembargo = embargo.initRoot(RpcProtocol.Message.factory).initDisembargo();
            RpcProtocol.PromisedAnswer.Builder target = disembargo.initTarget().initPromisedAnswer();
            target.setQuestionId(1);
            target.initTransform(1).get(0).setGetPointerField((short) 0);
            disembargo.getContext().setSenderLoopback(55);
            rawOut.write(embargo);
            RpcProtocol.Message.Reader reply = next();
            assertEquals(RpcProtocol.Message.Which.DISEMBARGO, reply.which());
            assertEquals(7, reply.getDisembargo().getTarget().getImportedCap());
            assertEquals(55, reply.getDisembargo().getContext().getReceiverLoopback());
            finish(1);
            // Finishing the answer drops the server's last hold on our export 7: it gives it back.
            RpcProtocol.Message.Reader release = next();
            assertEquals(RpcProtocol.Message.Which.RELEASE, release.which());
            assertEquals(7, release.getRelease().getId());
            assertEquals(1, release.getRelease().getReferenceCount());
            assertRawConnectionWorks();
        });
    }

    private RpcProtocol.Message.Reader next() throws IOException {
        Frame frame = rawIn.read();
        assertNotNull(frame, "the server closed the connection instead of answering");
        return frame.message().getRoot(RpcProtocol.Message.factory);
    }

    private void finish(int questionId) throws IOException {
        MessageBuilder message = new MessageBuilder();
        message.initRoot(RpcProtocol.Message.factory).initFinish().setQuestionId(questionId);
        rawOut.write(message);
    }

    /** The raw connection is still served: a Bootstrap (question 100) gets its results. */
    private void assertRawConnectionWorks() throws IOException {
        MessageBuilder bootstrap = new MessageBuilder();
        bootstrap.initRoot(RpcProtocol.Message.factory).initBootstrap().setQuestionId(100);
        rawOut.write(bootstrap);
        RpcProtocol.Message.Reader reply = next();
        assertEquals(100, reply.getReturn().getAnswerId());
        assertTrue(reply.getReturn().isResults());
    }

    private void assertAborted(String reasonPart) throws IOException {
        RpcProtocol.Message.Reader reply = next();
        assertEquals(RpcProtocol.Message.Which.ABORT, reply.which());
        String reason = reply.getAbort().getReason().toString();
        assertTrue(reason.contains(reasonPart), reason);
        assertNull(rawIn.read(), "the connection closes after Abort");
    }
}
