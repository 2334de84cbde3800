package org.btcmp.wallet.core;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.Script;
import org.btcmp.wallet.descriptor.DescriptorParser;
import org.btcmp.wallet.store.DescriptorRecords;
import org.btcmp.wallet.store.WalletFileException;

/**
 * The process {@link CrashTest} kills: creates or loads a regtest wallet, then forever hands out
 * addresses and records payments beyond the last address, acknowledging each on stdout only after it
 * returned (that is, after its transaction committed). Lines: READY, "ADDR type address label OK",
 * "CHANGE type address OK", "USED descriptorId index scriptHex OK".
 */
public final class CrashChildMain {
    static final int KEYPOOL = 3;
    static final List<String> TYPES = List.of("legacy", "p2sh-segwit", "bech32", "bech32m");

    private CrashChildMain() {
    }

    static WalletOptions options() {
        return WalletOptions.of(ChainType.REGTEST).withKeypoolSize(KEYPOOL);
    }

    public static void main(String[] args) {
        Path walletDir = Path.of(args[0]);
        boolean create = args[1].equals("create");
        Random random = new Random(Long.parseLong(args[2]));
        PrintStream out = System.out;
        DescriptorWallet wallet;
        if (create) {
            try {
                wallet = DescriptorWallet.create(walletDir, options(), WalletOptions.Seed.random());
            } catch (WalletFileException e) {
                if (e.reason() != WalletFileException.Reason.ALREADY_EXISTS) {
                    throw e;
                }
                // Created before the last kill, but killed before it said READY: that is fine.
                wallet = DescriptorWallet.load(walletDir, options());
            }
        } else {
            wallet = DescriptorWallet.load(walletDir, options());
        }
        out.println("READY");
        out.flush();
        if (out.checkError()) {
            System.exit(3);
        }
        for (long n = 0; ; n++) {
            int action = random.nextInt(10);
            String type = TYPES.get(random.nextInt(TYPES.size()));
            if (action < 6) {
                String label = "label-" + n;
                out.println("ADDR " + type + " " + wallet.getNewAddress(type, label) + " " + label + " OK");
            } else if (action < 8) {
                out.println("CHANGE " + type + " " + wallet.getRawChangeAddress(type) + " OK");
            } else {
                List<DescriptorRecords.Row> rows = wallet.descriptors();
                DescriptorRecords.Row row = rows.get(random.nextInt(rows.size()));
                int index = row.nextIndex() + random.nextInt(KEYPOOL);
                Script script = DescriptorParser.parse(row.descriptor(), false, true).scriptAt(index);
                if (!wallet.markUsed(script)) {
                    throw new IllegalStateException("a keypool script was not recognised: " + script.toHex());
                }
                out.println("USED " + row.id() + " " + index + " " + HexFormat.of().formatHex(script.bytes()) + " OK");
            }
            out.flush();
            if (out.checkError()) {
                System.exit(3); // the parent is gone: never outlive it
            }
        }
    }
}
