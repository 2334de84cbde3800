package org.btcmp.ipc.capnp.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.FrameHandler;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.wire.Frame;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.capnproto.AnyPointer;
import org.capnproto.Data;
import org.capnproto.MessageBuilder;

/**
 * The child JVM of {@link ChildProcessBuilderTest}: prints every descriptor it has open ("N -> target"), then
 * takes over the inherited descriptor args[0] and sends back each frame's payload until the parent hangs up.
 */
public final class FdEchoChild {
    private FdEchoChild() {
    }

    public static void main(String[] args) throws Exception {
        int fd = Integer.parseInt(args[0]);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path entry : entries) {
                String target;
                try {
                    target = Files.readSymbolicLink(entry).toString();
                } catch (IOException gone) {
                    target = "(closed while listing)";
                }
                System.out.println(entry.getFileName() + " -> " + target);
            }
        }
        System.out.flush();
        FrameConnection connection = UnixSockets.inherited(fd, FrameLimits.DEFAULT);
        CountDownLatch ended = new CountDownLatch(1);
        connection.start(new FrameHandler() {
            @Override
            public void onFrame(Frame frame) {
                byte[] payload;
                try (frame) {
                    payload = frame.message().getRoot(AnyPointer.factory).getAs(Data.factory).toArray();
                }
                connection.send(message(payload));
            }

            @Override
            public void onClosed(IpcException cause) {
                ended.countDown();
            }
        });
        ended.await();
        System.exit(0);
    }

    static MessageBuilder message(byte[] payload) {
        MessageBuilder message = new MessageBuilder();
        message.getRoot(AnyPointer.factory).initAs(Data.factory, payload.length).asByteBuffer().put(payload);
        return message;
    }
}
