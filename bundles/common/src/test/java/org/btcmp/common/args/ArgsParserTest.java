package org.btcmp.common.args;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArgsParserTest {
    private static final OptionTable TABLE = OptionTable.of(ArgsParser.COMMON_OPTIONS).with(List.of(
            OptionSpec.value("rpcport", "<port>", "Listen for JSON-RPC connections on <port>", OptionCategory.RPC, OptionFlag.NETWORK_ONLY),
            OptionSpec.value("rpcuser", "<user>", "Username for JSON-RPC connections", OptionCategory.RPC),
            OptionSpec.value("rpcpassword", "<pw>", "Password for JSON-RPC connections", OptionCategory.RPC),
            OptionSpec.flag("printtoconsole", "Send trace/debug info to console", OptionCategory.DEBUG_TEST),
            OptionSpec.value("addnode", "<ip>", "Add a node to connect to", OptionCategory.CONNECTION, OptionFlag.NETWORK_ONLY, OptionFlag.LIST),
            OptionSpec.value("debug", "<category>", "Output debug logging", OptionCategory.DEBUG_TEST, OptionFlag.LIST)));

    @TempDir
    Path dataDir;

    private Args parse(String... argv) throws ArgsException {
        return new ArgsParser(TABLE, false, dataDir).parse(argv);
    }

    private void config(String text) throws IOException {
        Files.writeString(dataDir.resolve("bitcoin.conf"), text);
    }

    @Test
    void commandLineValuesSwitchesAndNegations() throws Exception {
        Args args = parse("-rpcport=18500", "--rpcuser=alice", "-printtoconsole", "-nodebug");
        assertEquals(Optional.of("18500"), args.get("rpcport"));
        assertEquals(18500, args.getInt("rpcport", 0));
        assertEquals("alice", args.get("rpcuser", "x"));
        assertTrue(args.getBool("printtoconsole", false));
        assertTrue(args.isNegated("debug"));
        assertEquals(List.of(), args.getAll("debug"));
        assertEquals(Optional.empty(), args.get("rpcpassword"));
        assertEquals("def", args.get("rpcpassword", "def"));
    }

    @Test
    void theLastOccurrenceOnTheCommandLineWins() throws Exception {
        Args args = parse("-rpcport=1", "-rpcport=2", "-printtoconsole", "-noprinttoconsole");
        assertEquals(2, args.getInt("rpcport", 0));
        assertFalse(args.getBool("printtoconsole", true));
        assertFalse(parse("-printtoconsole=0").getBool("printtoconsole", true));
        assertTrue(parse("-noprinttoconsole=0").getBool("printtoconsole", false), "-noX=0 means X");
    }

    @Test
    void unknownOptionsAndStrayWordsAreCoresErrors() {
        ArgsException unknown = assertThrows(ArgsException.class, () -> parse("-nosuchflag=3"));
        assertEquals("Error parsing command line arguments: Invalid parameter -nosuchflag", unknown.getMessage());
        ArgsException stray = assertThrows(ArgsException.class, () -> parse("-regtest", "getinfo"));
        assertEquals("Command line contains unexpected token 'getinfo', see -help for a list of options.", stray.getMessage());
        ArgsException negation = assertThrows(ArgsException.class, () -> parse("-nodebug=net"));
        assertEquals("Error parsing command line arguments: Negating of -debug is meaningless and therefore forbidden", negation.getMessage());
    }

    @Test
    void aCommandMayFollowTheOptionsWhenAllowed() throws Exception {
        Args args = new ArgsParser(TABLE, true, dataDir).parse("-regtest", "getblockcount", "-x");
        assertEquals(List.of("getblockcount", "-x"), args.commandArguments());
        assertEquals(ChainType.REGTEST, args.chain());
    }

    @Test
    void chainSelection() throws Exception {
        assertEquals(ChainType.MAIN, parse().chain());
        assertEquals(ChainType.REGTEST, parse("-chain=regtest").chain());
        assertEquals(ChainType.TESTNET, parse("-testnet").chain());
        assertEquals(ChainType.TESTNET4, parse("-testnet4").chain());
        assertEquals(ChainType.MAIN, parse("-regtest=0").chain());
        assertEquals(dataDir.resolve("regtest"), parse("-regtest").chainDataDir());
        assertEquals(dataDir.resolve("testnet3"), parse("-testnet").chainDataDir());
        assertEquals(dataDir, parse().chainDataDir());
        ArgsException both = assertThrows(ArgsException.class, () -> parse("-regtest", "-testnet"));
        assertEquals("Error: Invalid combination of -regtest, -signet, -testnet, -testnet4 and -chain. Can use at most one.", both.getMessage());
        ArgsException bad = assertThrows(ArgsException.class, () -> parse("-chain=moon"));
        assertTrue(bad.getMessage().startsWith("Error: Invalid chain name: 'moon'"), bad.getMessage());
    }

    @Test
    void aMissingDataDirIsRefused() {
        Path missing = dataDir.resolve("absent");
        ArgsException e = assertThrows(ArgsException.class, () -> parse("-datadir=" + missing));
        assertEquals("Error: Specified data directory \"" + missing + "\" does not exist.", e.getMessage());
    }

    @Test
    void theConfigFileSectionsAndPrecedence() throws Exception {
        config("""
                # top of the file
                rpcuser=top
                rpcpassword=first
                rpcpassword=second
                # (the first occurrence in a file wins)
                regtest=1
                debug=net
                [regtest]
                rpcuser=section
                rpcport=18999
                debug=rpc
                [main]
                rpcport=1
                """);
        Args args = parse();
        assertEquals(ChainType.REGTEST, args.chain(), "the chain may come from the file");
        assertEquals("section", args.get("rpcuser", null), "the chain's section beats the top of the file");
        assertEquals("first", args.get("rpcpassword", null));
        assertEquals(18999, args.getInt("rpcport", 0));
        assertEquals(List.of("rpc", "net"), args.getAll("debug"), "list values from every source, section first");
        assertEquals("cli", parse("-rpcuser=cli").get("rpcuser", null), "the command line beats the file");
        assertEquals(List.of("cli"), parse("-debug=cli", "-nodebug", "-debug=cli").getAll("debug"),
                "a negation drops earlier values and every lower source");
    }

    @Test
    void networkOnlyOptionsAtTheTopApplyToMainnetOnly() throws Exception {
        config("rpcport=1234\naddnode=10.0.0.1\n");
        assertEquals(1234, parse().getInt("rpcport", 0));
        Args regtest = parse("-regtest");
        assertEquals(18443, regtest.getInt("rpcport", 18443));
        assertEquals(List.of(), regtest.getAll("addnode"));
        assertTrue(regtest.warnings().contains("Config setting for -rpcport only applied on regtest network when in [regtest] section."),
                regtest.warnings().toString());
    }

    @Test
    void configFileErrorsNameFileAndLine() throws IOException {
        config("rpcuser=a\n-rpcport=1\n");
        ArgsException hyphen = assertThrows(ArgsException.class, this::parse);
        assertEquals("Error reading configuration file " + dataDir.resolve("bitcoin.conf") + ": parse error on line 2: "
                + "-rpcport=1, options in configuration file must be specified without leading hyphen", hyphen.getMessage());
        config("noprinttoconsole\n");
        ArgsException noEquals = assertThrows(ArgsException.class, this::parse);
        assertTrue(noEquals.getMessage().endsWith("parse error on line 1: noprinttoconsole, if you intended to specify a negated "
                + "option, use noprinttoconsole=1 instead"), noEquals.getMessage());
        config("rpcpassword=abc#def\n");
        ArgsException hash = assertThrows(ArgsException.class, this::parse);
        assertTrue(hash.getMessage().endsWith("parse error on line 1, using # in rpcpassword can be ambiguous and should be avoided"),
                hash.getMessage());
    }

    @Test
    void unknownKeysAndSectionsAreWarningsNotErrors() throws Exception {
        config("frobnicate=1\n[moon]\nrpcuser=x\n");
        Args args = parse();
        List<String> warnings = new ArrayList<>(args.warnings());
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("Ignoring unknown configuration value frobnicate"), warnings.get(0));
        assertEquals("Section [moon] is not recognized.", warnings.get(1));
    }

    @Test
    void confAndIncludeconf() throws Exception {
        Files.writeString(dataDir.resolve("other.conf"), "rpcuser=other\nincludeconf=extra.conf\n");
        Files.writeString(dataDir.resolve("extra.conf"), "rpcpassword=extra\n");
        Args args = parse("-conf=other.conf");
        assertEquals("other", args.get("rpcuser", null));
        assertEquals("extra", args.get("rpcpassword", null));

        ArgsException missing = assertThrows(ArgsException.class, () -> parse("-conf=absent.conf"));
        assertEquals("Error reading configuration file: specified config file \"absent.conf\" could not be opened.", missing.getMessage());
        ArgsException fromCli = assertThrows(ArgsException.class, () -> parse("-includeconf=extra.conf"));
        assertTrue(fromCli.getMessage().startsWith("-includeconf cannot be used from commandline"), fromCli.getMessage());
        config("conf=x.conf\n");
        ArgsException confInFile = assertThrows(ArgsException.class, this::parse);
        assertTrue(confInFile.getMessage().contains("conf cannot be set in the configuration file"), confInFile.getMessage());
        config("includeconf=nowhere.conf\n");
        ArgsException badInclude = assertThrows(ArgsException.class, this::parse);
        assertEquals("Error reading configuration file: Failed to include configuration file nowhere.conf", badInclude.getMessage());
        assertEquals(Optional.empty(), parse("-noconf").get("rpcuser"), "-noconf reads no file");
    }

    @Test
    void anIntegerOptionWithTextIsANamedError() throws Exception {
        ArgsException e = assertThrows(ArgsException.class, () -> parse("-rpcport=abc").getInt("rpcport", 0));
        assertEquals("Invalid value for -rpcport: 'abc' is not an integer", e.getMessage());
    }

    @Test
    void askingForAnUndeclaredOptionIsAProgrammingError() throws Exception {
        Args args = parse();
        assertThrows(IllegalArgumentException.class, () -> args.get("nosuch"));
    }
}
