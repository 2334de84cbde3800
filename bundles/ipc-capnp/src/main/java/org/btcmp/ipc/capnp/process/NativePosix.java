package org.btcmp.ipc.capnp.process;

import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import jnr.constants.platform.Errno;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import jnr.posix.POSIXHandler;
import org.btcmp.ipc.IpcException;

/**
 * The POSIX calls the JDK lacks (fchmod, posix_spawn, waitpid, ...), through jnr-posix, loaded once. Its
 * handler reports failures as IpcException and never writes to the process's streams.
 */
final class NativePosix {
    private static volatile POSIX posix;

    private NativePosix() {
    }

    /** The native POSIX binding; its first use loads libc through jnr-ffi. */
    static POSIX get() {
        POSIX loaded = posix;
        if (loaded == null) {
            synchronized (NativePosix.class) {
                loaded = posix;
                if (loaded == null) {
                    try {
                        loaded = POSIXFactory.getNativePOSIX(new QuietHandler());
                    } catch (RuntimeException | LinkageError e) {
                        throw new IpcException("cannot load the native POSIX calls (jnr-posix): " + e, e);
                    }
                    posix = loaded;
                }
            }
        }
        return loaded;
    }

    /** The text of the last failed call's errno, e.g. "No such file or directory". */
    static String lastError() {
        POSIX p = get();
        int errno = p.errno();
        return p.strerror(errno) + " (errno " + errno + ")";
    }

    private static final class QuietHandler implements POSIXHandler {
        @Override
        public void error(Errno error, String extraData) {
            throw new IpcException(error.description() + ": " + extraData);
        }

        @Override
        public void error(Errno error, String methodName, String extraData) {
            throw new IpcException(methodName + ": " + error.description() + ": " + extraData);
        }

        @Override
        public void unimplementedError(String methodName) {
            throw new IpcException(methodName + " is not available on this platform");
        }

        @Override
        public void warn(WARNING_ID id, String message, Object... data) {
            // jnr-posix warns about dummy values of calls we do not make; nothing to tell the user
        }

        @Override
        public boolean isVerbose() {
            return false;
        }

        @Override
        public File getCurrentWorkingDirectory() {
            return new File(System.getProperty("user.dir"));
        }

        @Override
        public String[] getEnv() {
            return System.getenv().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        }

        @Override
        public InputStream getInputStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public PrintStream getOutputStream() {
            return new PrintStream(java.io.OutputStream.nullOutputStream());
        }

        @Override
        public int getPID() {
            return (int) ProcessHandle.current().pid();
        }

        @Override
        public PrintStream getErrorStream() {
            return new PrintStream(java.io.OutputStream.nullOutputStream());
        }
    }
}
