package org.btcmp.node.rpc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.node.chain.BlockIndex;
import org.btcmp.node.chain.ChainState;
import org.btcmp.primitives.BlockHeader;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.Hex;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.btcmp.primitives.script.Address;
import org.btcmp.primitives.script.ScriptAsm;

/** Core's JSON shapes for amounts, scripts, transactions and block headers. */
final class RpcJson {
    private RpcJson() {
    }

    static BigDecimal amount(long sats) {
        return BigDecimal.valueOf(sats, 8);
    }

    /** Parses an amount in BTC with Core's range and precision checks. */
    static long satoshis(BigDecimal btc) throws RpcException {
        BigDecimal sats = btc.movePointRight(8);
        if (sats.signum() < 0) {
            throw new RpcException(RpcException.TYPE_ERROR, "Amount out of range");
        }
        try {
            long v = sats.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
            if (v > ChainParams.MAX_MONEY) {
                throw new RpcException(RpcException.TYPE_ERROR, "Amount out of range");
            }
            return v;
        } catch (ArithmeticException e) {
            throw new RpcException(RpcException.TYPE_ERROR, "Invalid amount");
        }
    }

    static String scriptType(Script s) {
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

    static Map<String, Object> scriptPubKey(Script s, ChainParams params) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("asm", ScriptAsm.toAsm(s));
        m.put("hex", s.toHex());
        Address.fromScript(s, params).ifPresent(a -> m.put("address", a));
        m.put("type", scriptType(s));
        return m;
    }

    static Map<String, Object> tx(Transaction tx, ChainParams params) {
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
                i.put("txinwitness", in.witness().stream().map(Hex::encode).map(x -> (Object) x).toList());
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

    static String target(long bits) {
        BigInteger t = BlockHeader.targetFromBits(bits);
        String hex = t == null ? "0" : t.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    /** Core's GetDifficulty: the difficulty-1 target over this block's target. */
    static BigDecimal difficulty(long bits) {
        int shift = (int) ((bits >>> 24) & 0xff);
        double diff = (double) 0x0000ffff / (double) (bits & 0x00ffffff);
        while (shift < 29) {
            diff *= 256.0;
            shift++;
        }
        while (shift > 29) {
            diff /= 256.0;
            shift--;
        }
        return new BigDecimal(Double.toString(diff));
    }

    static Map<String, Object> header(ChainState chain, BlockIndex b) {
        Map<String, Object> m = new LinkedHashMap<>();
        BlockHeader h = b.header();
        m.put("hash", b.hash().toString());
        m.put("confirmations", (long) (chain.isActive(b) ? chain.height() - b.height() + 1 : -1));
        m.put("height", (long) b.height());
        m.put("version", (long) h.version());
        m.put("versionHex", String.format("%08x", h.version()));
        m.put("merkleroot", h.merkleRoot().toString());
        m.put("time", h.time());
        m.put("mediantime", b.medianTimePast());
        m.put("nonce", h.nonce());
        m.put("bits", String.format("%08x", h.bits()));
        m.put("target", target(h.bits()));
        m.put("difficulty", difficulty(h.bits()));
        String work = b.chainWork().toString(16);
        m.put("chainwork", "0".repeat(64 - work.length()) + work);
        m.put("nTx", (long) b.txCount());
        if (b.prev() != null) {
            m.put("previousblockhash", b.prev().hash().toString());
        }
        if (chain.isActive(b)) {
            BlockIndex next = chain.atHeight(b.height() + 1);
            if (next != null) {
                m.put("nextblockhash", next.hash().toString());
            }
        }
        return m;
    }
}
