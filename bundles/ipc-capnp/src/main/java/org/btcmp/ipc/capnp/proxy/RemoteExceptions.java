package org.btcmp.ipc.capnp.proxy;

import java.lang.reflect.Constructor;
import java.util.regex.Pattern;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.RemoteException;
import org.btcmp.ipc.capnp.rpc.RpcException;

/**
 * Turns a failed call back into what the caller sees: the remote exception re-created with its Java
 * type and message when the type is on the allow-list, a {@link RemoteException} naming it otherwise,
 * and an {@link IpcException} for failures of the IPC itself. A class named by the peer outside the
 * allow-list is never loaded.
 */
final class RemoteExceptions {
    /** A Java binary class name, as our servers report it ("java.lang.IllegalArgumentException: message"). */
    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
            + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)+");
    /** The message of an exception with a code, as {@link #forCaller} writes it. */
    private static final Pattern CODED = Pattern.compile("code (-?\\d+): (.*)", Pattern.DOTALL);
    /** Packages whose runtime exceptions are re-created (not their subpackages). */
    private static final java.util.Set<String> ALLOWED_PACKAGES = java.util.Set.of("java.lang", "java.util",
            "org.btcmp.interfaces", "org.btcmp.ipc");

    private RemoteExceptions() {
    }

    static RuntimeException toJava(RpcException failure) {
        if (failure.type() != RpcException.Type.FAILED) {
            return new IpcException("the peer could not serve the call: " + failure.getMessage(), failure);
        }
        String reason = failure.reason();
        int colon = reason.indexOf(": ");
        String type = colon < 0 ? reason : reason.substring(0, colon);
        String message = colon < 0 ? null : reason.substring(colon + 2);
        if (!CLASS_NAME.matcher(type).matches()) {
            return new RemoteException("capnp.Exception", reason);
        }
        RuntimeException local = allowed(type) ? recreate(type, message) : null;
        return local != null ? local : new RemoteException(type, message);
    }

    /**
     * What a served method's failure tells the caller: as the RPC layer writes it ("Type: message"), except
     * that an allow-listed exception with a numeric {@code code()} (e.g. a JSON-RPC error) carries it too,
     * as "Type: code N: message", so the caller re-creates it through its (int, String) constructor.
     */
    static Throwable forCaller(Throwable failure) {
        String type = failure.getClass().getName();
        if (!(failure instanceof RuntimeException) || !CLASS_NAME.matcher(type).matches() || !allowed(type)) {
            return failure;
        }
        try {
            Object code = failure.getClass().getMethod("code").invoke(failure);
            if (code instanceof Integer n) {
                String message = failure.getMessage();
                return new RpcException(RpcException.Type.FAILED, type + ": code " + n + ": " + (message == null ? "" : message));
            }
        } catch (ReflectiveOperationException | SecurityException e) {
            // no code: as it is
        }
        return failure;
    }

    static boolean allowed(String type) {
        int dot = type.lastIndexOf('.');
        return ALLOWED_PACKAGES.contains(type.substring(0, dot));
    }

    private static RuntimeException recreate(String type, String message) {
        try {
            Class<?> c = Class.forName(type, false, RemoteExceptions.class.getClassLoader());
            if (!RuntimeException.class.isAssignableFrom(c)) {
                return null;
            }
            java.util.regex.Matcher coded = message == null ? null : CODED.matcher(message);
            if (coded != null && coded.matches()) {
                try {
                    Constructor<?> withCode = c.getConstructor(int.class, String.class);
                    return (RuntimeException) withCode.newInstance(Integer.parseInt(coded.group(1)), coded.group(2));
                } catch (NoSuchMethodException | NumberFormatException e) {
                    // not a coded exception after all: the message as it is
                }
            }
            Constructor<?> constructor = c.getConstructor(String.class);
            return (RuntimeException) constructor.newInstance(message);
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return null;
        }
    }
}
