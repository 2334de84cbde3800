package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.btcmp.testsupport.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A C++ client compiled from btcmp's copies of Core's schemas (init, echo, mining, rpc, common) runs
 * the sequence Core's IPC functional test runs against a bitcoin-node: construct, makeThread,
 * makeEcho, makeMining, makeRpc. Needs capnp, g++ and libcapnp-dev (skipped loudly without them,
 * failed under CI=true).
 */
class CoreIpcClientTest {
    private static final String REGTEST_GENESIS = "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206";

    @TempDir
    Path dataDir;

    @Test
    void coresIpcTestSequenceWorksAgainstBitcoinNode() throws Exception {
        Path client = build();
        Path socket = dataDir.resolve("regtest/node.sock");
        try (RunningNode node = RunningNode.start(dataDir, socket, "bitcoin-node", "-regtest", "-datadir=" + dataDir,
                "-rpcport=" + RunningNode.freePort(), "-listen=0", "-ipcbind=unix")) {
            Process cxx = new ProcessBuilder(client.toString(), socket.toString()).redirectErrorStream(true).start();
            assertTrue(cxx.waitFor(60, TimeUnit.SECONDS), "the C++ client hung");
            String out = new String(cxx.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, cxx.exitValue(), out);
            assertEquals(List.of(
                    "echo=hello from core",
                    "makeMiningOld2 failed",
                    "isTestChain=true",
                    "tip=0 " + REGTEST_GENESIS,
                    "waitTipChanged=0",
                    "createNewBlock failed",
                    "rpc={\"jsonrpc\":\"2.0\",\"result\":0,\"id\":1}",
                    "done"), out.lines().toList());
        }
    }

    /** Compiles the schemas to C++ and the client against them (once per run: target/ keeps it). */
    private static Path build() throws IOException, InterruptedException {
        ExternalTool capnp = ExternalTool.require("capnp", "apt-get install capnproto");
        ExternalTool gxx = ExternalTool.require("g++", "apt-get install g++");
        ExternalTool pkgConfig = ExternalTool.require("pkg-config", "apt-get install pkg-config");
        ExternalTool.Result flags = pkgConfig.run(null, "--cflags", "--libs", "capnp-rpc");
        if (flags.status() != 0) {
            ExternalTool.missing("pkg-config finds no capnp-rpc (apt-get install libcapnp-dev)");
        }
        Path root = Executable.root();
        Path schemas = root.resolve("bundles/ipc-capnp/src/main/capnp");
        Path work = Path.of("target/core-ipc-client").toAbsolutePath();
        Path imports = work.resolve("imports");
        Path generated = work.resolve("gen");
        Files.createDirectories(imports.resolve("mpgen"));
        Files.createDirectories(generated);
        Files.copy(root.resolve("tools/mpgen/src/main/resources/org/btcmp/mpgen/capnp/java.capnp"),
                imports.resolve("mpgen/java.capnp"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // Every schema the node serves (init.capnp imports them all, so a list kept here would fall behind);
        // not capnp/, Cap'n Proto's own rpc schemas, which libcapnp already has.
        List<String> all;
        try (Stream<Path> files = Files.walk(schemas)) {
            all = files.map(f -> schemas.relativize(f).toString())
                    .filter(f -> f.endsWith(".capnp") && !f.startsWith("capnp/")).sorted().toList();
        }
        for (String schema : all) {
            List<String> args = List.of("compile", "-I" + schemas, "-I" + imports, "-oc++:" + generated, "--src-prefix=.",
                    schema);
            capnp.run(schemas, args.toArray(String[]::new)).requireSuccess(args);
        }
        List<String> java = List.of("compile", "-I.", "-oc++:" + generated, "--src-prefix=.", "mpgen/java.capnp");
        capnp.run(imports, java.toArray(String[]::new)).requireSuccess(java);
        Path executable = work.resolve("core_ipc_client");
        List<String> command = new ArrayList<>(List.of("-std=c++14", "-O1", "-o", executable.toString(),
                Path.of("src/test/c++/core_ipc_client.c++").toAbsolutePath().toString()));
        try (Stream<Path> sources = Files.walk(generated)) {
            sources.filter(p -> p.toString().endsWith(".c++")).sorted().forEach(p -> command.add(p.toString()));
        }
        command.add("-I" + generated);
        command.addAll(Arrays.asList(flags.stdout().trim().split("\\s+")));
        gxx.run(null, command.toArray(String[]::new)).requireSuccess(command);
        return executable;
    }
}
