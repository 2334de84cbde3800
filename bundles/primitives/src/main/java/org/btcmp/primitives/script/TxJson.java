package org.btcmp.primitives.script;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.Hex;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;

/**
 * Core's RPC JSON shapes for a transaction and its scripts (core_write.cpp's TxToUniv and ScriptToUniv),
 * shared by the node's decoderawtransaction/getrawtransaction and the wallet's gettransaction "decoded".
 * Values are plain JSON values: LinkedHashMap, List, String, Long, BigDecimal (amounts with 8 decimals).
 */
public final class TxJson {
    private TxJson() {
    }

    /** TxToUniv without hex or block: ids, sizes, inputs with scriptSig and witness, outputs. */
    public static Map<String, Object> decoded(Transaction tx, ChainParams params) {
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
                in.witness().forEach(item -> witness.add(Hex.encode(item)));
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
            o.put("value", amount(out.value()));
            o.put("n", (long) n);
            o.put("scriptPubKey", scriptPubKey(out.scriptPubKey(), params));
            vout.add(o);
        }
        m.put("vout", vout);
        return m;
    }

    /** ScriptToUniv with hex and address: asm, inferred descriptor, hex, address (when there is one), type. */
    public static Map<String, Object> scriptPubKey(Script s, ChainParams params) {
        Map<String, Object> m = new LinkedHashMap<>();
        Optional<String> address = Address.fromScript(s, params);
        m.put("asm", ScriptAsm.toAsm(s));
        m.put("desc", inferredDescriptor(s, address));
        m.put("hex", s.toHex());
        address.ifPresent(a -> m.put("address", a));
        m.put("type", scriptType(s));
        return m;
    }

    /** Satoshis as Core prints an amount: a number with exactly 8 decimals. */
    public static BigDecimal amount(long sats) {
        return BigDecimal.valueOf(sats, 8);
    }

    /**
     * Core's InferDescriptor with no keys known: rawtr() for taproot, pk() for a bare key, addr() for
     * other scripts with an address, raw() for the rest (bare multisig too, where Core infers multi()); with
     * its checksum.
     */
    static String inferredDescriptor(Script s, Optional<String> address) {
        String body;
        if (s.isP2TR()) {
            body = "rawtr(" + Hex.encode(s.witnessProgram()) + ")";
        } else if (scriptType(s).equals("pubkey")) {
            body = "pk(" + Hex.encode(Arrays.copyOfRange(s.bytes(), 1, s.length() - 1)) + ")";
        } else if (address.isPresent()) {
            body = "addr(" + address.get() + ")";
        } else {
            body = "raw(" + s.toHex() + ")";
        }
        return body + "#" + Descriptor.checksum(body);
    }

    /** Core's GetTxnOutputType names. */
    public static String scriptType(Script s) {
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
        if (s.length() > 0 && s.byteAt(s.length() - 1) == 0xae) {
            return "multisig";
        }
        return "nonstandard";
    }
}
