package org.btcmp.mpgen.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.btcmp.mpgen.InterfaceCheck;
import org.btcmp.mpgen.SchemaCompilation;
import org.btcmp.mpgen.mapping.fixtures.Store;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker against the fixture Store and its schema: the schema as written agrees; each edit below
 * breaks one rule and must give exactly one disagreement that names both sides and the reason.
 */
class InterfaceCheckerTest {
    private static final String JAVA_SIDE = "in org.btcmp.mpgen.mapping.fixtures.Store vs ";

    @TempDir
    Path dir;

    private record Case(String name, String from, String to, String... expected) {
    }

    private List<String> check(String from, String to, List<String> interfaces) throws Exception {
        Path file = CheckFixtures.storeSchema(dir, from, to);
        return InterfaceCheck.check(List.of(dir), dir, List.of(dir.relativize(file)), getClass().getClassLoader(), interfaces);
    }

    @Test
    void theFixtureSchemaAgreesWithItsInterface() throws Exception {
        assertEquals(List.of(), check("", "", List.of()));
        assertEquals(List.of(), check("", "", List.of(Store.class.getName())));
    }

    @TestFactory
    Stream<DynamicTest> eachBrokenRuleIsOneDisagreementNamingBothSides() {
        List<Case> cases = List.of(
                new Case("Java method missing in the schema",
                        "  size @14 (context :Proxy.Context) -> (result :Int64) $Java.name(\"getSize\");\n", "",
                        "Store.getSize() " + JAVA_SIDE + "interface Store in store.capnp: the schema has no method getSize"),
                new Case("schema method missing in Java",
                        "$Java.name(\"getSize\");\n", "$Java.name(\"getSize\");\n  extra @15 (context :Proxy.Context) -> ();\n",
                        "org.btcmp.mpgen.mapping.fixtures.Store vs extra @15 (context :Context) -> () in store.capnp: "
                                + "Store has no method for it"),
                new Case("parameter count", "echo @1 (context :Proxy.Context, text :Text)",
                        "echo @1 (context :Proxy.Context, text :Text, more :Text)",
                        "Store.echo(String) " + JAVA_SIDE + "echo @1 (context :Context, text :Text, more :Text) -> (result :Text)"
                                + " in store.capnp: 1 parameter(s) in Java, 2 in the schema (after context)"),
                new Case("parameter type", "echo @1 (context :Proxy.Context, text :Text)", "echo @1 (context :Proxy.Context, text :Data)",
                        "Store.echo(String) " + JAVA_SIDE, "parameter 1 vs text :Data: Java String travels as Text, not Data"),
                new Case("result type", "text :Text) -> (result :Text);", "text :Text) -> (result :Int32);",
                        "Store.echo(String) " + JAVA_SIDE, "return value vs result :Int32: Java String travels as Text, not Int32"),
                new Case("primitive width", "i :Int32, l :UInt64", "i :Int64, l :UInt64",
                        "Store.primitives(byte, short, char, int, long, float, double, boolean) " + JAVA_SIDE,
                        "parameter 4 vs i :Int64: Java int travels as Int32 or UInt32, not Int64"),
                new Case("no context", "bytes @3 (context :Proxy.Context, in :Data)", "bytes @3 (in :Data)",
                        "Store.bytes(byte[]) " + JAVA_SIDE, "the first parameter must be context :Proxy.Context"),
                new Case("Optional without its flag", "kind :Kind, hasKind :Bool)", "kind :Kind)",
                        "Store.find(String, Optional<Kind>) " + JAVA_SIDE,
                        "parameter 2 vs kind :Kind: an Optional needs a Bool field hasKind beside kind"),
                new Case("flag on a value that is not Optional", "(result :Data);", "(result :Data, hasResult :Bool);",
                        "Store.bytes(byte[]) " + JAVA_SIDE, "the schema flags it with hasResult :Bool, so the Java type must be Optional"),
                new Case("void method with a result", "(context :Proxy.Context, listener :ItemCallback) -> ();",
                        "(context :Proxy.Context, listener :ItemCallback) -> (result :Text);",
                        "Store.subscribe(Consumer<Item>) " + JAVA_SIDE, "Java returns void, the schema has result :Text"),
                new Case("value method without result", "height @7 (context :Proxy.Context) -> (result :Int32, hasResult :Bool);",
                        "height @7 (context :Proxy.Context) -> ();",
                        "Store.height() " + JAVA_SIDE, "Java returns a value, the schema has no result field 'result'"),
                new Case("output parameters", "(head :Text, count :Int32)", "(head :Text)",
                        "Store.split(String, AtomicReference<String>, AtomicInteger) " + JAVA_SIDE,
                        "2 output parameter(s) in Java, 1 result field(s) besides 'result'"),
                new Case("output parameter type", "(head :Text, count :Int32)", "(head :Text, count :Text)",
                        "output parameter 2 vs count :Text: Java int travels as Int32 or UInt32, not Text"),
                new Case("record field type", "amount @1 :Int64;", "amount @1 :Text;",
                        "org.btcmp.mpgen.mapping.fixtures.Store$Item vs struct Item in store.capnp: component amount vs field amount :Text: Java long travels as Int64 or UInt64, not Text"),
                new Case("record component without field", "  tags @6 :List(Int32);\n", "",
                        "component tags has no field"),
                new Case("struct field without component", "  tags @6 :List(Int32);\n", "  tags @6 :List(Int32);\n  extra @7 :Text;\n",
                        "field extra has no record component"),
                new Case("list element", "tags @6 :List(Int32);", "tags @6 :List(Text);",
                        "component tags vs field tags :List(Text): element: Java Integer travels as Int32 or UInt32, not Text"),
                new Case("enum constants", "withParts @1;", "withPieces @1;",
                        "enumerant withPieces has no constant WITH_PIECES", "constant WITH_PARTS has no enumerant"),
                new Case("capability of another interface", "(result :Store);", "(result :ItemCallback);",
                        "Store.child(String) " + JAVA_SIDE,
                        "Java org.btcmp.mpgen.mapping.fixtures.Store is a capability of the schema interface that wraps it, not ItemCallback"),
                new Case("callback parameter", "call @1 (context :Proxy.Context, item :Item) -> ();",
                        "call @1 (context :Proxy.Context, item :Text) -> ();",
                        "Store.subscribe(Consumer<Item>) " + JAVA_SIDE,
                        "callback Consumer.accept(T) vs ItemCallback.call @1 (context :Context, item :Text) -> (): parameter 1 vs item :Text: "
                                + "Java Item travels as a struct, not Text"),
                new Case("callback interface with two methods", "call @1 (context :Proxy.Context, item :Item) -> ();",
                        "call @1 (context :Proxy.Context, item :Item) -> ();\n  other @2 (context :Proxy.Context) -> ();",
                        "Store.subscribe(Consumer<Item>) " + JAVA_SIDE,
                        "a callback Consumer travels as an interface with one method besides destroy; ItemCallback has 2"),
                new Case("list of capabilities vs one", "(result :Store);", "(result :List(Store));",
                        "Store.child(String) " + JAVA_SIDE, "Java Store travels as an interface, not List(Store)"),
                new Case("callback result", "(context :Proxy.Context, text :Text) -> (result :Int32);\n}",
                        "(context :Proxy.Context, text :Text) -> ();\n}",
                        "Store.apply(Function<String, Integer>) " + JAVA_SIDE, "Java returns a value, the schema has no result field"),
                new Case("map entry", "key @0 :Int32;", "key @0 :Text;",
                        "Store.map(Map<Integer, List<String>>) " + JAVA_SIDE,
                        "parameter 1 vs in :List(IntStrings): key: Java Integer travels as Int32 or UInt32, not Text"),
                new Case("map as a plain list", "in :List(IntStrings)", "in :List(Int32)",
                        "Java Map<Integer, List<String>> travels as List(entry struct with key and value), not List(Int32)"),
                new Case("a type without automatic mapping", "at :Int64 $Java.converter(\"org.example.InstantMillis\")", "at :Int64",
                        "Store.when(Instant) " + JAVA_SIDE, "Java Instant is a class with no automatic mapping"),
                new Case("wraps names a missing class", "$Java.wraps(\"org.btcmp.mpgen.mapping.fixtures.Store$Kind\")",
                        "$Java.wraps(\"org.btcmp.mpgen.mapping.fixtures.Gone\")",
                        "Kind in store.capnp: $Java.wraps(\"org.btcmp.mpgen.mapping.fixtures.Gone\") names a class that is not on the class path"));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            List<String> problems = check(c.from(), c.to(), List.of());
            assertEquals(1, problems.size(), () -> c.name() + ": " + String.join("\n", problems));
            for (String e : c.expected()) {
                assertTrue(problems.get(0).contains(e), () -> c.name() + ": expected '" + e + "' in\n" + problems.get(0));
            }
        }));
    }

    @Test
    void aNamedInterfaceWithoutSchemaIsReported() throws Exception {
        List<String> problems = check("", "", List.of(Runnable.class.getName()));
        assertEquals(List.of("java.lang.Runnable vs the schema: no schema interface has $Java.wraps(\"java.lang.Runnable\")"
                + " or the name Runnable"), problems);
    }

    @Test
    void overloadsAreReported() throws Exception {
        List<String> problems = new ArrayList<>(check("interface TextFunction {", "interface Overloaded {\n"
                + "  echo @0 (context :Proxy.Context, s :Text) -> (result :Text);\n}\n\ninterface TextFunction {",
                List.of(Overloaded.class.getName())));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("overloads echo 2 times"), problems.get(0));
    }

    /** Overloads cannot be told apart by schema method names. */
    interface Overloaded {
        String echo(String s);

        String echo(String s, int times);
    }

    @Test
    void schemaErrorsAndMissingClassesAreFailures() throws Exception {
        SchemaCompilation.Failure bad = org.junit.jupiter.api.Assertions.assertThrows(SchemaCompilation.Failure.class,
                () -> check("interface Store", "interface store", List.of()));
        assertTrue(bad.getMessage().contains("store.capnp:"), bad.getMessage());
        SchemaCompilation.Failure missing = org.junit.jupiter.api.Assertions.assertThrows(SchemaCompilation.Failure.class,
                () -> check("", "", List.of("org.example.Nowhere")));
        assertTrue(missing.getMessage().startsWith("org.example.Nowhere: not on the class path"), missing.getMessage());
    }

    @Test
    void everyDisagreementIsReportedNotJustTheFirst() throws IOException, Exception {
        Path file = CheckFixtures.storeSchema(dir, "text :Text) -> (result :Text);", "text :Data) -> (result :Int32);");
        List<String> problems = InterfaceCheck.check(List.of(dir), dir, List.of(dir.relativize(file)),
                getClass().getClassLoader(), List.of());
        assertEquals(2, problems.size(), problems::toString);
    }
}
