package org.btcmp.mpgen.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import org.btcmp.mpgen.mapping.fixtures.Store;
import org.btcmp.mpgen.schema.Type.Which;
import org.junit.jupiter.api.Test;

/** The table of automatic type hooks, read from the fixture's method signatures. */
class TypeMappingTest {
    private static Method method(String name) {
        for (Method m : Store.class.getMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new AssertionError(name);
    }

    private static JavaShape param(String method, int index) {
        return TypeMapping.ofParameter(method(method).getGenericParameterTypes()[index]);
    }

    private static JavaShape result(String method) {
        return TypeMapping.ofResult(method(method).getGenericReturnType());
    }

    @Test
    void primitivesTravelAsTheirWidthSignedFirst() {
        assertEquals(List.of(Which.INT8, Which.UINT8), ((JavaShape.Primitive) param("primitives", 0)).wire());
        assertEquals(List.of(Which.UINT16), ((JavaShape.Primitive) param("primitives", 2)).wire());
        assertEquals(List.of(Which.INT32, Which.UINT32), ((JavaShape.Primitive) param("primitives", 3)).wire());
        assertEquals(List.of(Which.FLOAT64), ((JavaShape.Primitive) param("primitives", 6)).wire());
        assertEquals(List.of(Which.BOOL), ((JavaShape.Primitive) param("primitives", 7)).wire());
        assertEquals(List.of(Which.INT64, Which.UINT64), ((JavaShape.Primitive) TypeMapping.of(Long.class)).wire());
    }

    @Test
    void textDataCollectionsAndMaps() {
        assertInstanceOf(JavaShape.Text.class, param("echo", 0));
        assertInstanceOf(JavaShape.Data.class, param("bytes", 0));
        assertEquals(List.of(Which.INT64, Which.UINT64),
                ((JavaShape.Primitive) ((JavaShape.ListOf) param("list", 0)).element()).wire());
        JavaShape.MapOf map = (JavaShape.MapOf) param("map", 0);
        assertInstanceOf(JavaShape.Primitive.class, map.key());
        assertInstanceOf(JavaShape.Text.class, ((JavaShape.ListOf) map.value()).element());
        assertInstanceOf(JavaShape.ListOf.class, TypeMapping.of(String[].class));
    }

    @Test
    void optionalsEnumsRecordsAndInterfaces() {
        assertEquals(new JavaShape.RecordOf(Store.Item.class), ((JavaShape.Maybe) result("find")).value());
        assertEquals(new JavaShape.EnumOf(Store.Kind.class), ((JavaShape.Maybe) param("find", 1)).value());
        assertInstanceOf(JavaShape.Primitive.class, ((JavaShape.Maybe) result("height")).value());
        assertEquals(new JavaShape.Capability(Store.class), result("child"));
        assertNull(result("subscribe"), "void has no result");
    }

    @Test
    void functionalInterfacesAreCallbacksWithTheUseSitesTypes() {
        JavaShape.Callback consumer = (JavaShape.Callback) param("subscribe", 0);
        assertEquals("accept", consumer.method().getName());
        assertEquals(List.of(new JavaShape.RecordOf(Store.Item.class)), consumer.params());
        assertNull(consumer.result());
        JavaShape.Callback function = (JavaShape.Callback) param("apply", 0);
        assertEquals(List.of(new JavaShape.Text()), function.params());
        assertInstanceOf(JavaShape.Primitive.class, function.result());
        assertTrue(TypeMapping.isFunctional(Runnable.class));
        assertEquals(new JavaShape.Capability(AutoCloseable.class), TypeMapping.of(AutoCloseable.class),
                "an interface that is not marked functional is a capability");
    }

    @Test
    void holdersAreOutputParametersAndOtherClassesNeedConverters() {
        assertInstanceOf(JavaShape.Text.class, ((JavaShape.Out) param("split", 1)).value());
        assertInstanceOf(JavaShape.Primitive.class, ((JavaShape.Out) param("split", 2)).value());
        assertInstanceOf(JavaShape.Unmapped.class, param("when", 0));
        assertInstanceOf(JavaShape.Unmapped.class, TypeMapping.of(Object.class));
    }
}
