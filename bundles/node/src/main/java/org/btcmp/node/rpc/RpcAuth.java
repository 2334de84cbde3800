package org.btcmp.node.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.btcmp.primitives.Hex;

/**
 * HTTP Basic credentials the RPC server accepts: the {@code .cookie} pair (written 0600 when RPC
 * becomes ready, removed at shutdown) and {@code -rpcuser}/{@code -rpcpassword} when configured.
 */
public final class RpcAuth {
    public static final String COOKIE_USER = "__cookie__";

    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private Path cookieFile;

    public void allow(String user, String password) {
        accepted.add(user + ":" + password);
    }

    /** Generates a random cookie and writes it to {@code file} (via a temporary file and rename). */
    public void writeCookie(Path file) throws IOException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String pair = COOKIE_USER + ":" + Hex.encode(secret);
        Path tmp = file.resolveSibling(".cookie.tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, pair, StandardCharsets.US_ASCII);
        // Accepted before it is visible: a client that reads the new file at once must not get a 401.
        accepted.add(pair);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        cookieFile = file;
    }

    public void deleteCookie() throws IOException {
        if (cookieFile != null) {
            Files.deleteIfExists(cookieFile);
        }
    }

    /** Checks an Authorization header value in constant time per candidate. */
    public boolean check(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean ok = false;
        for (String pair : accepted) {
            ok |= MessageDigest.isEqual(pair.getBytes(StandardCharsets.UTF_8), given);
        }
        return ok;
    }
}
