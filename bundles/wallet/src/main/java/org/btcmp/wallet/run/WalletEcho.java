package org.btcmp.wallet.run;

import org.btcmp.interfaces.Echo;

/** The wallet process's Echo (every Init has one): returns its argument until closed. */
final class WalletEcho implements Echo {
    private volatile boolean closed;

    @Override
    public String echo(String message) {
        if (closed) {
            throw new IllegalStateException("echo object was destroyed");
        }
        return message;
    }

    @Override
    public void close() {
        closed = true;
    }
}
