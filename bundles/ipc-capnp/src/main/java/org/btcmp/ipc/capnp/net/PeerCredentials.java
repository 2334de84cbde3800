package org.btcmp.ipc.capnp.net;

import org.newsclub.net.unix.AFUNIXSocketCredentials;

/**
 * Who is at the other end of a UNIX socket, as the kernel vouches (SO_PEERCRED): lets a listener refuse
 * peers of another user, and name the process in logs. -1 where the kernel gave no value.
 */
public record PeerCredentials(long pid, long uid, long gid) {

    static PeerCredentials of(AFUNIXSocketCredentials credentials) {
        if (credentials == null) {
            return new PeerCredentials(-1, -1, -1);
        }
        return new PeerCredentials(credentials.getPid(), credentials.getUid(), credentials.getGid());
    }

    @Override
    public String toString() {
        return "pid " + pid + " uid " + uid + " gid " + gid;
    }
}
