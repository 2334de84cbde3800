package org.btcmp.mpgen.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {
    private static Declaration parse(String text) {
        SourceFile f = new SourceFile("t.capnp", text);
        Declaration d = Parser.parse(f);
        assertTrue(f.errors().isEmpty(), f.errors().toString());
        return d;
    }

    @Test
    void parsesDeclarationsWithIdsOrdinalsAndNesting() {
        Declaration file = parse("@0xd5e2a3c1b4f60718;\nstruct Foo @0x8000000000000001 (T) {\n"
                + "  a @0 :List(T) = [];\n  u :union { b @1 :Bool; c @2 :Text; }\n  g :group { d @3 :Int8; }\n}\n");
        assertEquals(0xd5e2a3c1b4f60718L, file.uid.value());
        Declaration foo = file.nested.get(0);
        assertEquals(Declaration.Kind.STRUCT, foo.kind);
        assertEquals("Foo", foo.name.text());
        assertEquals(0x8000000000000001L, foo.uid.value());
        assertEquals("T", foo.genericParams.get(0).text());
        assertEquals(3, foo.nested.size());
        assertEquals(Declaration.Kind.UNION, foo.nested.get(1).kind);
        assertEquals(2, foo.nested.get(1).nested.size());
        assertEquals(Declaration.Kind.GROUP, foo.nested.get(2).kind);
        assertInstanceOf(Expression.Application.class, foo.nested.get(0).type);
    }

    @Test
    void parsesLiteralsOfEveryKind() {
        Declaration file = parse("@0xd5e2a3c1b4f60718;\nconst a :Int64 = -0x10;\nconst b :Float64 = -inf;\n"
                + "const c :Text = \"x\\n\" \"y\";\nconst d :Data = 0x\"0a ff\";\nconst e :UInt8 = 017;\n"
                + "const f :Float32 = 1.5e3;\nconst g :S = (x = 1, y = [1, 2]);\n");
        assertEquals(16, ((Expression.NegativeInt) file.nested.get(0).value).magnitude());
        assertEquals(Double.NEGATIVE_INFINITY, ((Expression.FloatLiteral) file.nested.get(1).value).value());
        assertEquals("x\ny", new String(((Expression.StringLiteral) file.nested.get(2).value).utf8(),
                StandardCharsets.UTF_8));
        assertArrayEquals(new byte[] {0x0a, (byte) 0xff}, ((Expression.BinaryLiteral) file.nested.get(3).value).bytes());
        assertEquals(15, ((Expression.PositiveInt) file.nested.get(4).value).value());
        assertEquals(1500.0, ((Expression.FloatLiteral) file.nested.get(5).value).value());
        Expression.Tuple t = (Expression.Tuple) file.nested.get(6).value;
        assertEquals("x", t.params().get(0).name().text());
        assertInstanceOf(Expression.ListLiteral.class, t.params().get(1).value());
    }

    @Test
    void parsesInterfacesWithGenericsStreamsAndAnnotations() {
        Declaration file = parse("@0xd5e2a3c1b4f60718;\ninterface I extends(A, B) $ann(1) {\n"
                + "  m @0 [T] (x :T = null $p) -> (y :Text);\n  s @1 (d :Data) -> stream;\n  n @2 S -> ();\n}\n");
        Declaration i = file.nested.get(0);
        assertEquals(2, i.superclasses.size());
        assertEquals(1, i.annotations.size());
        Declaration m = i.nested.get(0);
        assertEquals("T", m.genericParams.get(0).text());
        assertEquals("x", m.params.named().get(0).name().text());
        assertEquals(1, m.params.named().get(0).annotations().size());
        assertTrue(i.nested.get(1).results.stream());
        assertInstanceOf(Expression.RelativeName.class, i.nested.get(2).params.type());
        assertNull(i.nested.get(2).results.type());
    }

    /** Positions as capnp 0.9.2 reports them (checked by hand with capnp compile). */
    @Test
    void reportsLineAndColumnOfTheFirstBadToken() {
        SourceFile f = new SourceFile("t.capnp", "@0xd5e2a3c1b4f60718;\nstruct S {\n  a @0 Int32;\n}\n");
        Parser.parse(f);
        assertEquals(1, f.errors().size());
        Diagnostic d = f.errors().get(0);
        assertEquals(3, d.line());
        assertEquals(13, d.column());
        assertEquals("t.capnp:3:13: error: Parse error.", d.toString());
    }

    @Test
    void anUnterminatedStringFailsAtTheEndOfItsLine() {
        SourceFile f = new SourceFile("t.capnp", "@0xd5e2a3c1b4f60718;\nconst x :Text = \"unterminated;\n");
        assertNull(Parser.parse(f));
        assertEquals(1, f.errors().size());
        assertEquals("t.capnp:2:31: error: Parse error.", f.errors().get(0).toString());
    }

    @Test
    void aLeadingZeroEndsAtTheFirstNonOctalDigitAndADotMakesAFloat() {
        Declaration file = parse("@0xd5e2a3c1b4f60718;\nconst a :UInt8 = 017;\nconst b :Float64 = 3.;\n");
        assertEquals(15, ((Expression.PositiveInt) file.nested.get(0).value).value());
        assertEquals(3.0, ((Expression.FloatLiteral) file.nested.get(1).value).value());
        // "08" is two integers, 0 and 8: the statement, not the lexer, fails.
        SourceFile f = new SourceFile("t.capnp", "@0xd5e2a3c1b4f60718;\nconst a :UInt8 = 08;\nconst b :UInt8 = 1;\n");
        Declaration parsed = Parser.parse(f);
        assertEquals(List.of("t.capnp:2:20: error: Parse error."),
                f.errors().stream().map(Diagnostic::toString).toList());
        assertEquals("b", parsed.nested.get(parsed.nested.size() - 1).name.text());
    }

    @Test
    void integersWrapModulo2To64AsCapnpReadsThem() {
        Declaration file = parse("@0xd5e2a3c1b4f60718;\nconst a :UInt64 = 18446744073709551617;\n"
                + "const b :UInt64 = 0x1ffffffffffffffff;\n");
        assertEquals(1, ((Expression.PositiveInt) file.nested.get(0).value).value());
        assertEquals(-1, ((Expression.PositiveInt) file.nested.get(1).value).value());
    }

    /** capnp 0.9.2 stops with an uncaught exception on these; we report where and what. */
    @Test
    void anExponentWithoutDigitsIsNamed() {
        SourceFile f = new SourceFile("t.capnp", "@0xd5e2a3c1b4f60718;\nconst a :Float64 = 1.5e+;\n");
        assertNull(Parser.parse(f));
        assertEquals(List.of("t.capnp:2:20: error: Invalid number 1.5e+: its exponent has no digits."),
                f.errors().stream().map(Diagnostic::toString).toList());
    }

    /** The first declaration form that parses wins, as in capnp; tokens left after it are a parse error. */
    @Test
    void aUnionFollowedByJunkIsNotReadAsAField() {
        SourceFile f = new SourceFile("t.capnp", "@0xd5e2a3c1b4f60718;\nstruct S {\n  a @0 :union = 5;\n  b @1 :Int32;\n}\n");
        Declaration file = Parser.parse(f);
        List<String> errors = f.errors().stream().map(Diagnostic::toString).toList();
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("t.capnp:3:6: error: As of Cap'n Proto v0.3"), errors.get(0));
        assertEquals("t.capnp:3:17: error: Parse error.", errors.get(1));
        assertEquals(List.of("b"), file.nested.get(0).nested.stream().map(d -> d.name.text()).toList());
    }
}
