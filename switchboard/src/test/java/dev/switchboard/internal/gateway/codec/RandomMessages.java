package dev.switchboard.internal.gateway.codec;


import static dev.switchboard.internal.gateway.codec.RandomCases.anyInt;
import static dev.switchboard.internal.gateway.codec.RandomCases.anyLong;
import static dev.switchboard.internal.gateway.codec.RandomCases.between;
import static dev.switchboard.internal.gateway.codec.RandomCases.bytes;
import static dev.switchboard.internal.gateway.codec.RandomCases.chance;
import static dev.switchboard.internal.gateway.codec.RandomCases.listOf;
import static dev.switchboard.internal.gateway.codec.RandomCases.oneOf;
import static dev.switchboard.internal.gateway.codec.RandomCases.size;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;

import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import com.google.protobuf.DoubleValue;
import com.google.protobuf.Duration;
import com.google.protobuf.Empty;
import com.google.protobuf.FieldMask;
import com.google.protobuf.FloatValue;
import com.google.protobuf.Int32Value;
import com.google.protobuf.Int64Value;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.StringValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.UInt64Value;
import com.google.protobuf.Value;

import dev.switchboard.test.v1.AllKinds;
import dev.switchboard.test.v1.Nested;

/** Random test messages: {@link AllKinds} with any subset of its fields set, each to any value it can hold. */
public final class RandomMessages {

    private RandomMessages() {
    }

    /** Text that survives UTF-8: up to 12 chars, no lone surrogates; sometimes an emoji (a surrogate pair) at the end. */
    public static String text(SplittableRandom r) {
        String s = RandomCases.utf8String(r, 0, 12);
        return chance(r, 20) ? s + "\uD83D\uDE00" : s;
    }

    public static Nested nested(SplittableRandom r) {
        return Nested.newBuilder().setLabel(text(r)).build();
    }

    public static boolean bool(SplittableRandom r) {
        return r.nextBoolean();
    }

    public static Value value(SplittableRandom r, int depth) {
        return switch (r.nextInt(depth <= 0 ? 4 : 6)) {
            case 0 -> Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
            case 1 -> Value.newBuilder().setNumberValue(finiteDouble(r)).build(); // JSON numbers: no NaN nor infinities
            case 2 -> Value.newBuilder().setStringValue(text(r)).build();
            case 3 -> Value.newBuilder().setBoolValue(r.nextBoolean()).build();
            case 4 -> Value.newBuilder().setStructValue(struct(r, depth - 1)).build();
            default -> Value.newBuilder().setListValue(listValue(r, depth - 1)).build();
        };
    }

    public static Struct struct(SplittableRandom r, int depth) {
        return Struct.newBuilder().putAllFields(mapOf(r, 3, RandomMessages::text, x -> value(x, depth))).build();
    }

    public static ListValue listValue(SplittableRandom r, int depth) {
        return ListValue.newBuilder().addAllValues(listOf(r, 0, 3, x -> value(x, depth))).build();
    }

    /** Up to maxSize entries (fewer when keys repeat). */
    public static <K, V> Map<K, V> mapOf(SplittableRandom r, int maxSize, Function<SplittableRandom, K> key, Function<SplittableRandom, V> value) {
        Map<K, V> map = new HashMap<>();
        for (int n = size(r, maxSize); n > 0; n--) {
            map.put(key.apply(r), value.apply(r));
        }
        return map;
    }

    /** Every float, NaN and the infinities included (proto3 JSON writes those as strings): edge values, any bits, ordinary ones. */
    public static float anyFloat(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> oneOf(r, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE, -Float.MAX_VALUE,
                    Float.MIN_VALUE, Float.MIN_NORMAL, -0.0f, 0.0f, 1.0f, 0.1f);
            case 1 -> Float.intBitsToFloat(r.nextInt());
            default -> (float) ordinaryDouble(r);
        };
    }

    /**
     * Every double but -0.0, which JsonFormat's parser reads as 0.0 (through BigDecimal, which has no negative zero;
     * its float parsing keeps the sign), so it cannot come back.
     */
    public static double anyDouble(SplittableRandom r) {
        return chance(r, 25) ? oneOf(r, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
                -Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, 0.0, 0.1) : finiteDouble(r);
    }

    /** Finite doubles but -0.0: any bits, or ordinary magnitudes. */
    public static double finiteDouble(SplittableRandom r) {
        double d = r.nextBoolean() ? Double.longBitsToDouble(r.nextLong()) : ordinaryDouble(r);
        return Double.isFinite(d) && Double.doubleToRawLongBits(d) != Double.doubleToRawLongBits(-0.0) ? d : 1.5;
    }

    private static double ordinaryDouble(SplittableRandom r) {
        return (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-12, 13));
    }

    public static Timestamp timestamp(SplittableRandom r) {
        // proto3 JSON's range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z
        return Timestamp.newBuilder().setSeconds(between(r, -62135596800L, 253402300799L)).setNanos(between(r, 0, 999_999_999)).build();
    }

    public static Duration duration(SplittableRandom r) {
        long seconds = between(r, -315576000000L, 315576000000L);
        int nanos = between(r, 0, 999_999_999);
        return Duration.newBuilder().setSeconds(seconds).setNanos(seconds < 0 ? -nanos : nanos).build(); // nanos take the sign of seconds
    }

    /** Field mask paths that lowerCamel JSON can carry: snake_case words, dotted. */
    public static FieldMask fieldMask(SplittableRandom r) {
        Function<SplittableRandom, String> word = x -> RandomCases.string(x, 1, 5, "abcdefghijklmnopqrstuvwxyz");
        Function<SplittableRandom, String> name = x -> String.join("_", listOf(x, 1, 3, word));
        return FieldMask.newBuilder().addAllPaths(listOf(r, 0, 3, x -> String.join(".", listOf(x, 1, 3, name)))).build();
    }

    /** Sets one field of AllKinds to a random value. */
    private interface Setter extends BiConsumer<AllKinds.Builder, SplittableRandom> {
    }

    private static final List<Setter> SETTERS = List.of(
            (b, r) -> b.setI32(anyInt(r)),
            (b, r) -> b.setI64(anyLong(r)),
            (b, r) -> b.setU32(anyInt(r)),
            (b, r) -> b.setU64(anyLong(r)),
            (b, r) -> b.setS32(anyInt(r)),
            (b, r) -> b.setS64(anyLong(r)),
            (b, r) -> b.setF32(anyInt(r)),
            (b, r) -> b.setF64(anyLong(r)),
            (b, r) -> b.setSf32(anyInt(r)),
            (b, r) -> b.setSf64(anyLong(r)),
            (b, r) -> b.setFl(anyFloat(r)),
            (b, r) -> b.setDb(anyDouble(r)),
            (b, r) -> b.setFlag(r.nextBoolean()),
            (b, r) -> b.setName(text(r)),
            (b, r) -> b.setData(ByteString.copyFrom(bytes(r, 20))),
            (b, r) -> b.setColorValue(between(r, -3, 5)), // unknown numbers too
            (b, r) -> b.setNested(nested(r)),
            (b, r) -> b.setMaybe(anyInt(r)),
            (b, r) -> b.setRenamed(text(r)),
            (b, r) -> b.addAllNumbers(listOf(r, 0, 4, RandomCases::anyInt)),
            (b, r) -> b.addAllNames(listOf(r, 0, 3, RandomMessages::text)),
            (b, r) -> b.addAllChildren(listOf(r, 0, 3, RandomMessages::nested)),
            (b, r) -> b.addAllColorsValue(listOf(r, 0, 3, x -> between(x, 0, 4))),
            (b, r) -> b.addAllValues(listOf(r, 0, 3, x -> value(x, 1))),
            (b, r) -> b.putAllCounts(mapOf(r, 3, RandomMessages::text, RandomCases::anyInt)),
            (b, r) -> b.putAllLabels(mapOf(r, 3, RandomCases::anyInt, RandomMessages::text)),
            (b, r) -> b.putAllSwitches(mapOf(r, 2, RandomMessages::bool, RandomMessages::text)),
            (b, r) -> b.putAllById(mapOf(r, 3, RandomCases::anyLong, RandomMessages::nested)),
            (b, r) -> b.putAllPaletteValue(mapOf(r, 3, RandomCases::anyInt, x -> between(x, 0, 4))),
            (b, r) -> b.putAllSettings(mapOf(r, 3, RandomMessages::text, x -> value(x, 1))),
            (b, r) -> {
                switch (r.nextInt(3)) {
                    case 0 -> b.setChoiceText(text(r));
                    case 1 -> b.setChoiceNumber(anyInt(r));
                    default -> b.setChoiceNested(nested(r));
                }
            },
            (b, r) -> b.setWhen(timestamp(r)),
            (b, r) -> b.setTook(duration(r)),
            (b, r) -> b.setMask(fieldMask(r)),
            (b, r) -> b.setAttributes(struct(r, 2)),
            (b, r) -> b.setAnything(value(r, 2)),
            (b, r) -> b.setList(listValue(r, 2)),
            (b, r) -> b.setAny(Any.getDefaultInstance()),
            (b, r) -> b.setEmpty(Empty.getDefaultInstance()),
            (b, r) -> b.setNothing(NullValue.NULL_VALUE),
            (b, r) -> b.setWI32(Int32Value.of(anyInt(r))),
            (b, r) -> b.setWI64(Int64Value.of(anyLong(r))),
            (b, r) -> b.setWU32(UInt32Value.of(anyInt(r))),
            (b, r) -> b.setWU64(UInt64Value.of(anyLong(r))),
            (b, r) -> b.setWFl(FloatValue.of(anyFloat(r))),
            (b, r) -> b.setWDb(DoubleValue.of(anyDouble(r))),
            (b, r) -> b.setWFlag(BoolValue.of(r.nextBoolean())),
            (b, r) -> b.setWName(StringValue.of(text(r))),
            (b, r) -> b.setWData(BytesValue.of(ByteString.copyFrom(bytes(r, 20)))));

    /** An AllKinds with up to 12 of its fields set (sometimes none, sometimes 12); {@code depth} levels of {@code child} at most. */
    public static AllKinds allKinds(SplittableRandom r, int depth) {
        List<Setter> setters = new ArrayList<>(SETTERS);
        if (depth > 0) {
            setters.add((b, x) -> b.setChild(allKinds(x, depth - 1)));
        }
        for (int i = setters.size() - 1; i > 0; i--) {
            Collections.swap(setters, i, r.nextInt(i + 1));
        }
        AllKinds.Builder builder = AllKinds.newBuilder();
        setters.subList(0, size(r, 12)).forEach(setter -> setter.accept(builder, r));
        return builder.build();
    }
}
