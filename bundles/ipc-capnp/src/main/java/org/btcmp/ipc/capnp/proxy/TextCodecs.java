package org.btcmp.ipc.capnp.proxy;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.ipc.capnp.rpc.RawStruct;
import org.capnproto.AnyPointer;
import org.capnproto.Data;
import org.capnproto.DataList;
import org.capnproto.Text;
import org.capnproto.TextList;

/**
 * The blob type hooks (Core's type-string.h and type-data.h): String as Text, byte[] as Data.
 */
public final class TextCodecs {
    private TextCodecs() {
    }

    /** String as Text; null as a null pointer. */
    public static final Codec<String> TEXT = new Codec<>() {
        @Override
        public void set(RawStruct.Builder s, int offset, String v, Side side) {
            if (v != null) {
                s.setText(offset, v);
            }
        }

        @Override
        public String get(RawStruct.Reader s, int offset, Side side) {
            return s.getText(offset);
        }

        @Override
        public void setList(AnyPointer.Builder p, List<String> values, Side side) {
            TextList.Builder list = p.initAs(TextList.factory, values.size());
            for (int i = 0; i < values.size(); i++) {
                list.set(i, new Text.Reader(values.get(i)));
            }
        }

        @Override
        public List<String> getList(AnyPointer.Reader p, Side side) {
            TextList.Reader list = p.getAs(TextList.factory);
            List<String> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(list.get(i).toString());
            }
            return out;
        }
    };

    /** byte[] as Data; null as a null pointer. */
    public static final Codec<byte[]> DATA = new Codec<>() {
        @Override
        public void set(RawStruct.Builder s, int offset, byte[] v, Side side) {
            if (v != null) {
                s.setData(offset, v);
            }
        }

        @Override
        public byte[] get(RawStruct.Reader s, int offset, Side side) {
            return s.getData(offset);
        }

        @Override
        public void setList(AnyPointer.Builder p, List<byte[]> values, Side side) {
            DataList.Builder list = p.initAs(DataList.factory, values.size());
            for (int i = 0; i < values.size(); i++) {
                list.set(i, new Data.Reader(values.get(i)));
            }
        }

        @Override
        public List<byte[]> getList(AnyPointer.Reader p, Side side) {
            DataList.Reader list = p.getAs(DataList.factory);
            List<byte[]> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(list.get(i).toArray());
            }
            return out;
        }
    };
}
