package dev.switchboard.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.UInt64Value;
import com.google.protobuf.Value;

import dev.switchboard.test.v1.AllKinds;
import dev.switchboard.test.v1.Nested;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators of test messages: {@link AllKinds} with any subset of its fields set, each to any value it can hold. */
final class ProtoArbitraries {

    private ProtoArbitraries() {
    }

    /** Text that survives UTF-8: any char but lone surrogates, and some pairs (emoji). */
    static Arbitrary<String> text() {
        Arbitrary<String> bmp = Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFF').ofMaxLength(12);
        return Arbitraries.oneOf(bmp, bmp.map(s -> s + "\uD83D\uDE00"));
    }

    static Arbitrary<Nested> nested() {
        return text().map(label -> Nested.newBuilder().setLabel(label).build());
    }

    static Arbitrary<Value> value(int depth) {
        List<Arbitrary<Value>> leaves = List.of(
                Arbitraries.just(Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build()),
                Arbitraries.doubles().filter(d -> Double.doubleToRawLongBits(d) != Double.doubleToRawLongBits(-0.0))
                        .map(d -> Value.newBuilder().setNumberValue(d).build()),
                text().map(s -> Value.newBuilder().setStringValue(s).build()),
                Arbitraries.of(true, false).map(b -> Value.newBuilder().setBoolValue(b).build()));
        if (depth <= 0) {
            return Arbitraries.oneOf(leaves);
        }
        List<Arbitrary<Value>> all = new ArrayList<>(leaves);
        all.add(struct(depth - 1).map(s -> Value.newBuilder().setStructValue(s).build()));
        all.add(listValue(depth - 1).map(l -> Value.newBuilder().setListValue(l).build()));
        return Arbitraries.oneOf(all);
    }

    static Arbitrary<Struct> struct(int depth) {
        return Arbitraries.maps(text(), Arbitraries.lazy(() -> value(depth))).ofMaxSize(3).map(m -> Struct.newBuilder().putAllFields(m).build());
    }

    static Arbitrary<ListValue> listValue(int depth) {
        return Arbitraries.lazy(() -> value(depth)).list().ofMaxSize(3).map(l -> ListValue.newBuilder().addAllValues(l).build());
    }

    /** Every float, NaN and the infinities included (proto3 JSON writes those as strings). */
    static Arbitrary<Float> floats() {
        return Arbitraries.oneOf(Arbitraries.floats(), Arbitraries.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -0.0f), Arbitraries.integers().map(Float::intBitsToFloat).filter(f -> !Float.isNaN(f)));
    }

    /**
     * Every double but -0.0, which JsonFormat's parser reads as 0.0 (through BigDecimal, which has no negative zero;
     * its float parsing keeps the sign), so it cannot come back.
     */
    static Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MAX_VALUE, Double.MIN_VALUE), Arbitraries.longs().map(Double::longBitsToDouble).filter(d -> !Double.isNaN(d)))
                .filter(d -> Double.doubleToRawLongBits(d) != Double.doubleToRawLongBits(-0.0));
    }

    static Arbitrary<Timestamp> timestamp() {
        // proto3 JSON's range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z
        return Combinators.combine(Arbitraries.longs().between(-62135596800L, 253402300799L), Arbitraries.integers().between(0, 999_999_999))
                .as((s, n) -> Timestamp.newBuilder().setSeconds(s).setNanos(n).build());
    }

    static Arbitrary<Duration> duration() {
        return Combinators.combine(Arbitraries.longs().between(-315576000000L, 315576000000L), Arbitraries.integers().between(0, 999_999_999))
                .as((s, n) -> Duration.newBuilder().setSeconds(s).setNanos(s < 0 ? -n : n).build()); // nanos take the sign of seconds
    }

    /** Field mask paths that lowerCamel JSON can carry: snake_case words, dotted. */
    static Arbitrary<FieldMask> fieldMask() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(5);
        Arbitrary<String> name = word.list().ofMinSize(1).ofMaxSize(3).map(w -> String.join("_", w));
        Arbitrary<String> path = name.list().ofMinSize(1).ofMaxSize(3).map(p -> String.join(".", p));
        return path.list().ofMaxSize(3).map(p -> FieldMask.newBuilder().addAllPaths(p).build());
    }

    /** An AllKinds with any subset of its fields set; {@code depth} levels of {@code child} at most. */
    static Arbitrary<AllKinds> allKinds(int depth) {
        List<Arbitrary<Consumer<AllKinds.Builder>>> setters = new ArrayList<>(List.of(
                Arbitraries.integers().map(v -> b -> b.setI32(v)),
                Arbitraries.longs().map(v -> b -> b.setI64(v)),
                Arbitraries.integers().map(v -> b -> b.setU32(v)),
                Arbitraries.longs().map(v -> b -> b.setU64(v)),
                Arbitraries.integers().map(v -> b -> b.setS32(v)),
                Arbitraries.longs().map(v -> b -> b.setS64(v)),
                Arbitraries.integers().map(v -> b -> b.setF32(v)),
                Arbitraries.longs().map(v -> b -> b.setF64(v)),
                Arbitraries.integers().map(v -> b -> b.setSf32(v)),
                Arbitraries.longs().map(v -> b -> b.setSf64(v)),
                floats().map(v -> b -> b.setFl(v)),
                doubles().map(v -> b -> b.setDb(v)),
                Arbitraries.of(true, false).map(v -> b -> b.setFlag(v)),
                text().map(v -> b -> b.setName(v)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(v -> b -> b.setData(ByteString.copyFrom(v))),
                Arbitraries.integers().between(-3, 5).map(v -> b -> b.setColorValue(v)),
                nested().map(v -> b -> b.setNested(v)),
                Arbitraries.integers().map(v -> b -> b.setMaybe(v)),
                text().map(v -> b -> b.setRenamed(v)),
                Arbitraries.integers().list().ofMaxSize(4).map(v -> b -> b.addAllNumbers(v)),
                text().list().ofMaxSize(3).map(v -> b -> b.addAllNames(v)),
                nested().list().ofMaxSize(3).map(v -> b -> b.addAllChildren(v)),
                Arbitraries.integers().between(0, 4).list().ofMaxSize(3).map(v -> b -> b.addAllColorsValue(v)),
                value(1).list().ofMaxSize(3).map(v -> b -> b.addAllValues(v)),
                Arbitraries.maps(text(), Arbitraries.integers()).ofMaxSize(3).map(v -> b -> b.putAllCounts(v)),
                Arbitraries.maps(Arbitraries.integers(), text()).ofMaxSize(3).map(v -> b -> b.putAllLabels(v)),
                Arbitraries.maps(Arbitraries.of(true, false), text()).ofMaxSize(2).map(v -> b -> b.putAllSwitches(v)),
                Arbitraries.maps(Arbitraries.longs(), nested()).ofMaxSize(3).map(v -> b -> b.putAllById(v)),
                Arbitraries.maps(Arbitraries.integers(), Arbitraries.integers().between(0, 4)).ofMaxSize(3).map(v -> b -> b.putAllPaletteValue(v)),
                Arbitraries.maps(text(), value(1)).ofMaxSize(3).map(v -> b -> b.putAllSettings(v)),
                Arbitraries.oneOf(text().map(v -> b -> b.setChoiceText(v)), Arbitraries.integers().map(v -> b -> b.setChoiceNumber(v)),
                        nested().map(v -> b -> b.setChoiceNested(v))),
                timestamp().map(v -> b -> b.setWhen(v)),
                duration().map(v -> b -> b.setTook(v)),
                fieldMask().map(v -> b -> b.setMask(v)),
                struct(2).map(v -> b -> b.setAttributes(v)),
                value(2).map(v -> b -> b.setAnything(v)),
                listValue(2).map(v -> b -> b.setList(v)),
                Arbitraries.just(b -> b.setAny(com.google.protobuf.Any.getDefaultInstance())),
                Arbitraries.just(b -> b.setEmpty(Empty.getDefaultInstance())),
                Arbitraries.just(b -> b.setNothing(NullValue.NULL_VALUE)),
                Arbitraries.integers().map(v -> b -> b.setWI32(Int32Value.of(v))),
                Arbitraries.longs().map(v -> b -> b.setWI64(Int64Value.of(v))),
                Arbitraries.integers().map(v -> b -> b.setWU32(UInt32Value.of(v))),
                Arbitraries.longs().map(v -> b -> b.setWU64(UInt64Value.of(v))),
                floats().map(v -> b -> b.setWFl(FloatValue.of(v))),
                doubles().map(v -> b -> b.setWDb(DoubleValue.of(v))),
                Arbitraries.of(true, false).map(v -> b -> b.setWFlag(com.google.protobuf.BoolValue.of(v))),
                text().map(v -> b -> b.setWName(com.google.protobuf.StringValue.of(v))),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(v -> b -> b.setWData(BytesValue.of(ByteString.copyFrom(v))))));
        if (depth > 0) {
            setters.add(Arbitraries.lazy(() -> allKinds(depth - 1)).map(v -> b -> b.setChild(v)));
        }
        return Arbitraries.subsetOf(setters).ofMaxSize(12).flatMap(chosen -> Combinators.combine(new ArrayList<>(chosen)).as(fs -> {
            AllKinds.Builder builder = AllKinds.newBuilder();
            fs.forEach(f -> f.accept(builder));
            return builder.build();
        }));
    }
}
