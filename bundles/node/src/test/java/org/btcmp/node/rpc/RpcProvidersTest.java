package org.btcmp.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.common.json.Json;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.RpcCommand;
import org.btcmp.ipc.IpcException;
import org.junit.jupiter.api.Test;

/** Commands of several wallet processes under one name, routed as Core's multiwallet RPC behaves. */
class RpcProvidersTest {
    /** A wallet process as the node sees it: its commands answer for the wallets it holds. */
    private static final class FakeProcess {
        final List<String> wallets = new ArrayList<>();
        boolean dead;

        RpcCommand command(String name) {
            return new RpcCommand() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public String category() {
                    return "wallet";
                }

                @Override
                public List<String> argNames() {
                    return List.of("wallet_name");
                }

                @Override
                public String call(String paramsJson, String uri) {
                    if (dead) {
                        throw new IpcException("connection lost");
                    }
                    if (name.equals("listwallets")) {
                        return Json.write(new ArrayList<Object>(wallets));
                    }
                    if (name.equals("createwallet")) {
                        String wallet = paramsJson.replaceAll("^\\[\"|\"\\]$", "");
                        wallets.add(wallet);
                        return "{\"name\":\"" + wallet + "\"}";
                    }
                    String wallet = uri.startsWith("/wallet/") ? uri.substring("/wallet/".length())
                            : wallets.size() == 1 ? wallets.get(0) : null;
                    if (wallet == null || !wallets.contains(wallet)) {
                        throw new RpcError(-18, "Requested wallet does not exist or is not loaded");
                    }
                    return "\"" + wallet + "\"";
                }
            };
        }
    }

    private final RpcTable table = new RpcTable();

    private Object call(String name, String uri, Object... args) throws RpcException {
        return table.get(name).handler().call(new Params(List.of(args), uri));
    }

    @Test
    void requestsReachTheProcessThatHasTheWallet() throws Exception {
        FakeProcess a = new FakeProcess();
        FakeProcess b = new FakeProcess();
        a.wallets.add("a");
        b.wallets.add("b");
        for (FakeProcess p : List.of(a, b)) {
            for (String name : List.of("listwallets", "getbalance", "loadwallet", "createwallet")) {
                table.provided().add(p.command(name));
            }
        }
        assertEquals(List.of("a", "b"), call("listwallets", "/"));
        assertEquals("a", call("getbalance", "/wallet/a"));
        assertEquals("b", call("getbalance", "/wallet/b"));
        assertEquals(-18, assertThrows(RpcException.class, () -> call("getbalance", "/wallet/c")).code());
        assertEquals(-19, assertThrows(RpcException.class, () -> call("getbalance", "/")).code(), "two wallets, no path");
        RpcException twice = assertThrows(RpcException.class, () -> call("loadwallet", "/", "b"));
        assertEquals(-35, twice.code());
        assertEquals("Wallet \"b\" is already loaded.", twice.getMessage());
        assertEquals(List.of("a", "b"), call("listwallets", "/"), "the refusal changed nothing");

        b.dead = true;
        assertEquals(List.of("a"), call("listwallets", "/"), "a process that is gone leaves the list");
        assertEquals("a", call("getbalance", "/"), "its wallets with it: a is the only one now");
        assertEquals(-18, assertThrows(RpcException.class, () -> call("getbalance", "/wallet/b")).code());
    }

    @Test
    void aCommandLeavesWithItsLastProvider() throws Exception {
        FakeProcess a = new FakeProcess();
        a.wallets.add("a");
        Handler first = table.provided().add(a.command("getbalance"));
        FakeProcess b = new FakeProcess();
        Handler second = table.provided().add(b.command("getbalance"));
        first.disconnect();
        assertEquals(-18, assertThrows(RpcException.class, () -> call("getbalance", "/wallet/a")).code(),
                "a's command is gone; b does not have a");
        second.disconnect();
        assertNull(table.get("getbalance"));

        FakeProcess dead = new FakeProcess();
        dead.dead = true;
        table.provided().add(dead.command("getbalance"));
        RpcException gone = assertThrows(RpcException.class, () -> call("getbalance", "/"));
        assertEquals(RpcException.METHOD_NOT_FOUND, gone.code());
        assertEquals("Method not found", gone.getMessage(), "Core's error, not the transport's");
        assertNull(table.get("getbalance"), "a command whose process is gone disappears");
    }

    @Test
    void aCallThatFindsItsProcessGoneIsAnsweredByTheProcessesLeft() throws Exception {
        FakeProcess dead = new FakeProcess();
        dead.wallets.add("x");
        FakeProcess alive = new FakeProcess();
        alive.wallets.add("a");
        table.provided().add(dead.command("getbalance"));
        table.provided().add(alive.command("getbalance"));
        dead.dead = true;
        assertEquals("a", call("getbalance", "/wallet/a"), "the live process answers");
        FakeProcess dying = new FakeProcess();
        dying.wallets.add("d");
        table.provided().add(dying.command("getbalance"));
        dying.dead = true;
        RpcException notLoaded = assertThrows(RpcException.class, () -> call("getbalance", "/wallet/d"));
        assertEquals(-18, notLoaded.code(), "d's process is gone: Core's wallet-not-loaded error");
        assertEquals("Requested wallet does not exist or is not loaded", notLoaded.getMessage());
        assertEquals("a", call("getbalance", "/"), "only a is left, so no path is needed");
    }
}
