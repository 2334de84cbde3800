package org.btcmp.wallet.rpc;

import java.math.BigDecimal;
import org.btcmp.interfaces.RpcCommand.RpcError;

/** Core's amount handling in RPC: BTC values with 8 decimals in and out, fee rates in sat/vB or BTC/kvB. */
final class Amounts {
    static final long COIN = 100_000_000L;
    static final long MAX_MONEY = 21_000_000L * COIN;

    private Amounts() {
    }

    /** Satoshis as Core prints an amount: a number with exactly 8 decimals. */
    static BigDecimal btc(long sats) {
        return BigDecimal.valueOf(sats, 8);
    }

    /** Core's AmountFromValue: a number or numeric string in BTC, at most 8 decimals, within MAX_MONEY. */
    static long satoshis(Object v) {
        BigDecimal btc = decimal(v);
        BigDecimal sats = btc.movePointRight(8);
        if (sats.stripTrailingZeros().scale() > 0) {
            throw new RpcError(Rpc.TYPE_ERROR, "Invalid amount");
        }
        if (sats.signum() < 0 || sats.compareTo(BigDecimal.valueOf(MAX_MONEY)) > 0) {
            throw new RpcError(Rpc.TYPE_ERROR, "Amount out of range");
        }
        return sats.longValueExact();
    }

    /** A fee rate in sat/vB (up to 3 decimals, as Core) as sat/kvB. */
    static long satPerKvbFromSatPerVb(Object v) {
        BigDecimal perKvb = decimal(v).movePointRight(3);
        if (perKvb.signum() < 0) {
            throw new RpcError(Rpc.TYPE_ERROR, "Amount out of range");
        }
        if (perKvb.stripTrailingZeros().scale() > 0) {
            throw new RpcError(Rpc.TYPE_ERROR, "Invalid amount");
        }
        return perKvb.longValueExact();
    }

    private static BigDecimal decimal(Object v) {
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                throw new RpcError(Rpc.TYPE_ERROR, "Invalid amount");
            }
        }
        throw new RpcError(Rpc.TYPE_ERROR, "Amount is not a number or string");
    }
}
