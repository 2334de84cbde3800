package org.btcmp.mpgen.compile;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.List;
import org.btcmp.mpgen.request.RequestWriter;
import org.btcmp.mpgen.schema.CompiledSchema;

/**
 * Benchmark (not a test): compiles Debian's seven schema files with our compiler (warm, in-process)
 * and with {@code capnp compile -o-}, and prints both times and the ratio. Run after
 * {@code mvn -pl tools/mpgen test-compile}:
 * {@code java -cp tools/mpgen/target/classes:tools/mpgen/target/test-classes:$HOME/.m2/repository/org/capnproto/runtime/0.1.16/runtime-0.1.16.jar org.btcmp.mpgen.compile.CorpusBenchmark}
 */
public final class CorpusBenchmark {
    private static final List<String> CORPUS = List.of("capnp/schema.capnp", "capnp/rpc.capnp",
            "capnp/rpc-twoparty.capnp", "capnp/persistent.capnp", "capnp/c++.capnp", "capnp/compat/json.capnp",
            "capnp/stream.capnp");

    private CorpusBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path include = Path.of(args.length > 0 ? args[0] : "/usr/include");
        List<Path> files = CORPUS.stream().map(Path::of).toList();
        for (int i = 0; i < 200; i++) {
            ours(include, files);
        }
        int runs = 50;
        long[] mpgen = new long[runs];
        long[] capnp = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            ours(include, files);
            mpgen[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            List<String> cmd = new java.util.ArrayList<>(List.of("capnp", "compile", "-o-", "--no-standard-import",
                    "-I" + include));
            cmd.addAll(CORPUS);
            Process p = new ProcessBuilder(cmd).directory(include.toFile()).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            p.waitFor();
            capnp[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(mpgen);
        java.util.Arrays.sort(capnp);
        double ms = mpgen[runs / 2] / 1e6;
        double cms = capnp[runs / 2] / 1e6;
        System.out.printf("Debian corpus (%d files), median of %d warm runs:%n", CORPUS.size(), runs);
        System.out.printf("  mpgen (in-process, compile + CodeGeneratorRequest): %.2f ms%n", ms);
        System.out.printf("  capnp compile -o- (process incl. startup):           %.2f ms%n", cms);
        System.out.printf("  ratio mpgen/capnp: %.2f%n", ms / cms);
    }

    private static void ours(Path include, List<Path> files) throws IOException {
        CompiledSchema schema = new Compiler(List.of(include), include).compile(files);
        RequestWriter.write(schema, Channels.newChannel(java.io.OutputStream.nullOutputStream()));
    }
}
