package org.btcmp.mpgen.compile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.btcmp.mpgen.parse.Diagnostic;
import org.btcmp.mpgen.parse.SchemaException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed schemas: capnp and we both reject each one, and our errors include capnp's first error
 * line with a message naming the problem.
 */
class ErrorConformanceTest {
    private static final String ID = "@0xd5e2a3c1b4f60718;\n";
    private static final Pattern LOCATION = Pattern.compile("^([^:\\s]+):(\\d+)(?::(\\d+)(?:-\\d+)?)?: error: (.*)$",
            Pattern.MULTILINE);

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        add(c, "missing file id", "struct S {}\n");
        add(c, "two file ids", ID + "@0xd5e2a3c1b4f60719;\n");
        add(c, "id without top bit", "@0x1234;\n");
        add(c, "missing semicolon", ID + "struct S {\n  a @0 :Int32\n}\n");
        add(c, "unterminated block", ID + "struct S {\n  a @0 :Int32;\n");
        add(c, "missing default value", ID + "struct S {\n  a @0 :Int32 = ;\n}\n");
        add(c, "duplicate ordinal", ID + "struct S {\n  a @0 :Int32;\n  b @0 :Int32;\n}\n");
        add(c, "skipped ordinal", ID + "struct S {\n  a @0 :Int32;\n  b @2 :Int32;\n}\n");
        add(c, "unknown type", ID + "struct S {\n  a @0 :Nope;\n}\n");
        add(c, "lower-case type name", ID + "struct s {}\n");
        add(c, "upper-case field name", ID + "struct S {\n  Abc @0 :Int32;\n}\n");
        add(c, "underscore in name", ID + "struct S {\n  a_b @0 :Int32;\n}\n");
        add(c, "duplicate name", ID + "struct S {\n  a @0 :Int32;\n  a @1 :Int32;\n}\n");
        add(c, "union with one member", ID + "struct S {\n  union {\n    a @0 :Int32;\n  }\n}\n");
        add(c, "empty group", ID + "struct S {\n  a @0 :Int32;\n  g :group {\n  }\n}\n");
        add(c, "text default for int", ID + "struct S {\n  a @0 :Int32 = \"x\";\n}\n");
        add(c, "integer out of range", ID + "struct S {\n  a @0 :UInt8 = 256;\n}\n");
        add(c, "negative unsigned", ID + "struct S {\n  a @0 :UInt32 = -1;\n}\n");
        add(c, "import not found", ID + "using X = import \"nope.capnp\";\nstruct S { a @0 :X.T; }\n");
        add(c, "constant cycle", ID + "const a :Int32 = .b;\nconst b :Int32 = .a;\n");
        add(c, "constant cycle through an import", ID + "using O = import \"other.capnp\";\nconst a :Int32 = O.b;\n",
                "other.capnp", "@0xd5e2a3c1b4f60720;\nusing M = import \"main.capnp\";\nconst b :Int32 = M.a;\n");
        add(c, "List without parameter", ID + "struct S {\n  a @0 :List;\n}\n");
        add(c, "List(AnyPointer)", ID + "struct S {\n  a @0 :List(AnyPointer);\n}\n");
        add(c, "too few generic parameters", ID + "struct P(A, B) { a @0 :A; }\nstruct S {\n  p @0 :P(Text);\n}\n");
        add(c, "non-pointer generic parameter", ID + "struct B(T) { a @0 :T; }\nstruct S {\n  b @0 :B(Int32);\n}\n");
        add(c, "annotation on wrong target", ID + "annotation a(field) :Void;\nstruct S $a {}\n");
        add(c, "annotation needs a value", ID + "annotation a(struct) :Int32;\nstruct S $a {}\n");
        add(c, "not an annotation", ID + "struct T {}\nstruct S $T {}\n");
        add(c, "unknown enumerant", ID + "enum E { a @0; }\nstruct S {\n  e @0 :E = purple;\n}\n");
        add(c, "unqualified constant", ID + "const k :Int32 = 1;\nstruct S {\n  a @0 :Int32 = k;\n}\n");
        add(c, "duplicate method ordinal", ID + "interface I {\n  a @0 ();\n  b @0 ();\n}\n");
        add(c, "extends a struct", ID + "struct T {}\ninterface I extends(T) {}\n");
        add(c, "field in an enum", ID + "enum E {\n  a @0;\n  b @1 :Int32;\n}\n");
        add(c, "stream before arrow", ID + "interface I {\n  a @0 stream -> ();\n}\n");
        add(c, "old-style union number", ID + "struct S {\n  u @0 :union {\n    a @1 :Int32;\n    b @2 :Text;\n  }\n}\n");
        add(c, "ordinal too big", ID + "struct S {\n  a @65536 :Int32;\n}\n");
        add(c, "struct default for text", ID + "struct S {\n  a @0 :Text = (x = 1);\n}\n");
        add(c, "no such field in literal", ID + "struct P { x @0 :Int32; }\nstruct S {\n  p @0 :P = (y = 1);\n}\n");
        add(c, "constant used as type", ID + "const k :Int32 = 1;\nstruct S {\n  a @0 :k;\n}\n");
        add(c, "duplicate explicit id", ID + "struct A @0x8000000000000001 {}\nstruct B @0x8000000000000001 {}\n");
        add(c, "unnamed union inside union", ID + "struct S {\n  union {\n    a @0 :Int32;\n    union {\n"
                + "      b @1 :Int32;\n      c @2 :Int32;\n    }\n  }\n}\n");
        add(c, "integer too big to be negative", ID + "const k :Int64 = -18446744073709551615;\n");
        add(c, "struct needs a block", ID + "struct S;\n");
        add(c, "two unnamed unions", ID + "struct S {\n  union {\n    a @0 :Int32;\n    b @1 :Int32;\n  }\n"
                + "  union {\n    c @2 :Int32;\n    d @3 :Int32;\n  }\n}\n");
        add(c, "method outside interface", ID + "struct S {\n  m @0 () -> ();\n}\n");
        add(c, "float for integer", ID + "struct S {\n  a @0 :Int32 = 1.5;\n}\n");
        add(c, "List(AnyStruct) of a generic parameter", ID + "struct P(A, B) {\n  l @0 :List(B);\n}\n");
        add(c, "invalid annotation target", ID + "annotation a(bogus) :Void;\n");
        add(c, "duplicate annotation target", ID + "annotation a(field, field) :Void;\n");
        add(c, "wildcard with other targets", ID + "annotation a(*, field) :Void;\n");
        add(c, "type mismatch in a list literal", ID + "const l :List(Int32) = [1, \"x\"];\n");
        // Lexing: capnp reads "08" as the integers 0 and 8, so a later lexing failure (here the missing
        // '}') is the only error it reports (found by MutationConformanceTest seeds 9913589850158, 10001561466124).
        add(c, "8 after a leading 0 starts a new integer", ID + "const a :Int64 = -1-08;\nstruct S {\n  b @0 :Int32;\n");
        add(c, "8 after a leading 0, no other error", ID + "struct S {\n  a @08 :Int32;\n}\n");
        add(c, "letter after a number's dot", ID + "const a :Float64 = 1.a;\n");
        add(c, "number with two dots", ID + "const a :Float64 = 1.2.3;\n");
        add(c, "upper-case 0X", ID + "const a :UInt32 = 0X1f;\n");
        add(c, "empty binary literal", ID + "const a :Data = 0x\"\";\n");
        add(c, "hex escape with one digit", ID + "const a :Text = \"\\x4\";\n");
        // Found by MutationConformanceTest seed 167722551730719: capnp checks targets while parsing, so a
        // statement that then fails to parse still gets its target error first.
        add(c, "bad annotation target before junk", ID + "annotation note(struct, eld) :Note\n"
                + "struct Note { a @0 :Int32; }\n");
        // Seed 13693207621898: a result type with a bad parameter is printed as capnp prints it (we crashed).
        // Seed 120181597014598: an implicit parameter that failed to parse names nothing (we crashed).
        add(c, "bad implicit method parameter", ID + "interface I {\n  m @0 [M@1] (m :M) -> ();\n}\n");
        add(c, "parse error inside a method's result type", ID + "interface Base(X) {\n  get @0 () -> Int32(x :X);\n}\n");
        return c.stream();
    }

    private static void add(List<Arguments> cases, String name, String schema, String... extraFiles) {
        cases.add(Arguments.of(name, schema, extraFiles));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectedLikeCapnp(String name, String schema, String[] extraFiles, @TempDir Path dir) throws IOException {
        CapnpOracle.require();
        Files.writeString(dir.resolve("main.capnp"), schema);
        for (int i = 0; i < extraFiles.length; i += 2) {
            Files.writeString(dir.resolve(extraFiles[i]), extraFiles[i + 1]);
        }
        CapnpOracle.Result oracle = CapnpOracle.compile(dir, List.of(), List.of("main.capnp"));
        assertNotEquals(0, oracle.exitCode(), "capnp accepts the '" + name + "' case; fix the case");
        Matcher m = LOCATION.matcher(oracle.stderr());
        assertTrue(m.find(), "no located error from capnp: " + oracle.stderr());
        String file = m.group(1);
        int line = Integer.parseInt(m.group(2));
        String capnpMessage = m.group(4);

        SchemaException e = assertThrows(SchemaException.class,
                () -> new Compiler(List.of(), dir).compile(List.of(Path.of("main.capnp"))));
        List<Diagnostic> ours = e.diagnostics();
        assertFalse(ours.isEmpty());
        boolean sameLineAndMessage = ours.stream().anyMatch(d -> d.file().equals(file) && d.line() == line
                && sameMessage(d.message(), capnpMessage));
        assertTrue(sameLineAndMessage, "capnp: " + file + ":" + line + ": " + capnpMessage + "\nours:\n"
                + e.getMessage());
        for (Diagnostic d : ours) {
            assertFalse(d.message().isBlank(), d.toString());
        }
    }


    /** capnp's own messages, except the random id it invents for a file without one. */
    private static boolean sameMessage(String ours, String capnp) {
        return ours.replaceAll("@0x[0-9a-f]+", "@0x?").equals(capnp.replaceAll("@0x[0-9a-f]+", "@0x?"));
    }
}
