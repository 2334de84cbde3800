package org.btcmp.node.rpc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.node.chain.ValidationException;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.script.Address;
import org.btcmp.primitives.script.Descriptor;

/** Core's descriptor commands: getdescriptorinfo, deriveaddresses, generatetodescriptor. */
final class DescriptorRpc {
    private final NodeContext node;

    private DescriptorRpc(NodeContext node) {
        this.node = node;
    }

    static void register(RpcTable t, NodeContext node) {
        DescriptorRpc r = new DescriptorRpc(node);
        t.register(new RpcMethod("getdescriptorinfo", "util", List.of("descriptor"), 1,
                "Analyses a descriptor.", r::info));
        t.register(new RpcMethod("deriveaddresses", "util", List.of("descriptor", "range"), 1,
                "Derives one or more addresses corresponding to an output descriptor.", r::derive));
        t.register(new RpcMethod("generatetodescriptor", "generating", List.of("num_blocks", "descriptor", "maxtries"),
                2, "Mine to a specified descriptor and return the block hashes.", r::generate));
    }

    private Descriptor parse(String text, boolean requireChecksum) throws RpcException {
        try {
            return Descriptor.parse(text, node.params(), requireChecksum);
        } catch (DecodeException e) {
            throw new RpcException(RpcException.INVALID_ADDRESS_OR_KEY, e.getMessage());
        }
    }

    private Object info(Params p) throws RpcException {
        Descriptor d = parse(p.str(0), false);
        Map<String, Object> m = new LinkedHashMap<>();
        String full = d.withChecksum();
        m.put("descriptor", full);
        m.put("checksum", full.substring(full.indexOf('#') + 1));
        m.put("isrange", false);
        m.put("issolvable", d.isSolvable());
        m.put("hasprivatekeys", false);
        return m;
    }

    private Object derive(Params p) throws RpcException {
        if (p.has(1)) {
            throw new RpcException(RpcException.INVALID_PARAMETER,
                    "Range should not be specified for an un-ranged descriptor");
        }
        Descriptor d = parse(p.str(0), true);
        String a = Address.fromScript(d.script(), node.params()).orElseThrow(() -> new RpcException(
                RpcException.INVALID_ADDRESS_OR_KEY, "Descriptor does not have a corresponding address"));
        return List.of(a);
    }

    private Object generate(Params p) throws RpcException {
        long n = p.integer(0);
        Descriptor d = parse(p.str(1), false);
        List<Object> hashes = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            try {
                hashes.add(node.miner().generate(d.script(), null).toString());
            } catch (ValidationException e) {
                throw new RpcException(RpcException.INTERNAL_ERROR, "ProcessNewBlock, block not accepted: "
                        + e.getMessage());
            } catch (IOException e) {
                throw new RpcException(RpcException.DATABASE_ERROR, e.getMessage());
            }
        }
        return hashes;
    }

}
