package org.btcmp.ipc.capnp.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.btcmp.ipc.capnp.schema.JavaAnnotationsImport;
import org.btcmp.testsupport.ExternalTool;

/**
 * Builds src/test/c++/mp_peer.c++ against btcmp's own schemas (src/main/capnp, compiled with
 * {@code capnp compile -oc++}) and Debian's libcapnp-dev. Without g++, capnp or pkg-config the calling
 * test is skipped loudly, or fails when CI=true (ExternalTool).
 */
final class MpCxxPeer {
    private static final List<String> SCHEMAS = List.of("mp/proxy.capnp", "init.capnp", "echo.capnp", "chain.capnp",
            "handler.capnp", "common.capnp", "mining.capnp", "rpc.capnp", "node.capnp", "wallet.capnp");
    private static Path built;

    private MpCxxPeer() {
    }

    /** The peer executable, built once per test JVM. */
    static synchronized Path executable() throws IOException, InterruptedException {
        if (built != null) {
            return built;
        }
        ExternalTool capnp = ExternalTool.require("capnp", "apt-get install capnproto");
        ExternalTool gxx = ExternalTool.require("g++", "apt-get install g++");
        ExternalTool pkgConfig = ExternalTool.require("pkg-config", "apt-get install pkg-config");
        ExternalTool.Result flags = pkgConfig.run(null, "--cflags", "--libs", "capnp-rpc");
        if (flags.status() != 0) {
            ExternalTool.missing("pkg-config finds no capnp-rpc (apt-get install libcapnp-dev)");
        }
        Path schemas = Path.of("src/main/capnp").toAbsolutePath();
        Path imports = JavaAnnotationsImport.directory();
        Path generated = Path.of("target/cxx-peers/mp_peer-gen").toAbsolutePath();
        Files.createDirectories(generated);
        for (String schema : SCHEMAS) {
            List<String> args = List.of("compile", "-I" + schemas, "-I" + imports, "-oc++:" + generated, "--src-prefix=.", schema);
            capnp.run(schemas, args.toArray(String[]::new)).requireSuccess(args);
        }
        List<String> java = List.of("compile", "-I.", "-oc++:" + generated, "--src-prefix=.", "mpgen/java.capnp");
        capnp.run(imports, java.toArray(String[]::new)).requireSuccess(java);
        Path executable = Path.of("target/cxx-peers/mp_peer").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("-std=c++14", "-O1", "-o", executable.toString(),
                Path.of("src/test/c++/mp_peer.c++").toAbsolutePath().toString()));
        try (Stream<Path> sources = Files.walk(generated)) {
            sources.filter(p -> p.toString().endsWith(".c++")).sorted().forEach(p -> command.add(p.toString()));
        }
        command.add("-I" + generated);
        command.addAll(Arrays.asList(flags.stdout().trim().split("\\s+")));
        gxx.run(null, command.toArray(String[]::new)).requireSuccess(command);
        built = executable;
        return built;
    }
}
