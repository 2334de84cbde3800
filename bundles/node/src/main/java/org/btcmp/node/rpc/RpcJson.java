package org.btcmp.node.rpc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.btcmp.node.chain.BlockIndex;
import org.btcmp.node.chain.ChainState;
import org.btcmp.primitives.BlockHeader;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.script.TxJson;

/** Core's JSON shapes for amounts and block headers (transactions and scripts: {@link TxJson}). */
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
