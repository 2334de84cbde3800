package org.btcmp.wallet.rpc;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.btcmp.primitives.script.Address;
import org.btcmp.primitives.script.Descriptor;
import org.btcmp.primitives.script.ScriptAsm;

/**
 * Core's TxToUniv without hex or block (gettransaction verbose=true's "decoded"): ids, sizes, inputs
 * with scriptSig and witness, outputs with the scriptPubKey's asm, inferred descriptor, hex, address
 * and type, as decoderawtransaction shows them.
 */
final class DecodedTx {
    private DecodedTx() {
    }

    static Map<String, Object> of(Transaction tx, ChainParams params) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("txid", tx.txid().toString());
        m.put("hash", tx.wtxid().toString());
        m.put("version", Integer.toUnsignedLong(tx.version()));
        m.put("size", (long) tx.totalSize());
        m.put("vsize", (long) tx.vsize());
        m.put("weight", (long) tx.weight());
        m.put("locktime", tx.lockTime());
        List<Object> vin = new ArrayList<>();
        for (TxIn in : tx.inputs()) {
            Map<String, Object> i = new LinkedHashMap<>();
            if (tx.isCoinbase()) {
                i.put("coinbase", in.scriptSig().toHex());
            } else {
                i.put("txid", in.prevout().txid().toString());
                i.put("vout", in.prevout().index());
                Map<String, Object> sig = new LinkedHashMap<>();
                sig.put("asm", ScriptAsm.toAsm(in.scriptSig()));
                sig.put("hex", in.scriptSig().toHex());
                i.put("scriptSig", sig);
            }
            if (in.hasWitness()) {
                List<Object> witness = new ArrayList<>();
                in.witness().forEach(item -> witness.add(HexFormat.of().formatHex(item)));
                i.put("txinwitness", witness);
            }
            i.put("sequence", in.sequence());
            vin.add(i);
        }
        m.put("vin", vin);
        List<Object> vout = new ArrayList<>();
        for (int n = 0; n < tx.outputs().size(); n++) {
            TxOut out = tx.outputs().get(n);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("value", Amounts.btc(out.value()));
            o.put("n", (long) n);
            o.put("scriptPubKey", scriptPubKey(out.scriptPubKey(), params));
            vout.add(o);
        }
        m.put("vout", vout);
        return m;
    }

    private static Map<String, Object> scriptPubKey(Script s, ChainParams params) {
        Map<String, Object> m = new LinkedHashMap<>();
        Optional<String> address = Address.fromScript(s, params);
        m.put("asm", ScriptAsm.toAsm(s));
        m.put("desc", inferredDescriptor(s, address));
        m.put("hex", s.toHex());
        address.ifPresent(a -> m.put("address", a));
        m.put("type", type(s));
        return m;
    }

    /**
     * Core's InferDescriptor with no keys known: rawtr() for taproot, pk() for a bare key, addr() for
     * other scripts with an address, raw() for the rest; with its checksum.
     */
    private static String inferredDescriptor(Script s, Optional<String> address) {
        String body;
        if (s.isP2TR()) {
            body = "rawtr(" + HexFormat.of().formatHex(s.witnessProgram()) + ")";
        } else if (type(s).equals("pubkey")) {
            body = "pk(" + HexFormat.of().formatHex(java.util.Arrays.copyOfRange(s.bytes(), 1, s.length() - 1)) + ")";
        } else if (address.isPresent()) {
            body = "addr(" + address.get() + ")";
        } else {
            body = "raw(" + s.toHex() + ")";
        }
        return body + "#" + Descriptor.checksum(body);
    }

    /** Core's GetTxnOutputType names. */
    static String type(Script s) {
        if (s.isP2PKH()) {
            return "pubkeyhash";
        }
        if (s.isP2SH()) {
            return "scripthash";
        }
        if (s.isP2WPKH()) {
            return "witness_v0_keyhash";
        }
        if (s.isP2WSH()) {
            return "witness_v0_scripthash";
        }
        if (s.isP2TR()) {
            return "witness_v1_taproot";
        }
        if (s.length() == 4 && s.byteAt(0) == 0x51 && s.byteAt(1) == 2 && s.byteAt(2) == 0x4e && s.byteAt(3) == 0x73) {
            return "anchor";
        }
        if (s.isWitnessProgram()) {
            return "witness_unknown";
        }
        if (s.length() > 0 && s.byteAt(0) == 0x6a) {
            return "nulldata";
        }
        if ((s.length() == 35 || s.length() == 67) && s.byteAt(0) == s.length() - 2 && s.byteAt(s.length() - 1) == 0xac) {
            return "pubkey";
        }
        return "nonstandard";
    }
}
