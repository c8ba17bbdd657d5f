package dev.switchboard.internal.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;

/**
 * The comments of the .proto files, by element full name ({@code pkg.Message}, {@code pkg.Message.field},
 * {@code pkg.Service.Method}, {@code pkg.Enum.VALUE}): read from the descriptor sets with source info that builds put
 * on the class path at {@value #RESOURCE} (protoc's {@code --include_source_info}; docs/openapi.md shows the
 * protobuf-maven-plugin settings). Generated Java code carries no comments, so without such a set there are none.
 */
final class ProtoComments {

    static final String RESOURCE = "META-INF/switchboard/descriptor-set.protobin";

    private static final Logger LOG = Logger.getLogger(ProtoComments.class.getName());
    // field numbers in descriptor.proto: the paths of SourceCodeInfo locations are made of them
    private static final int FILE_MESSAGE = 4;
    private static final int FILE_ENUM = 5;
    private static final int FILE_SERVICE = 6;
    private static final int MESSAGE_FIELD = 2;
    private static final int MESSAGE_NESTED = 3;
    private static final int MESSAGE_ENUM = 4;
    private static final int ENUM_VALUE = 2;
    private static final int SERVICE_METHOD = 2;

    private final Map<String, String> byName;

    private ProtoComments(Map<String, String> byName) {
        this.byName = byName;
    }

    static ProtoComments none() {
        return new ProtoComments(Map.of());
    }

    /** Every descriptor set at {@link #RESOURCE} that {@code loader} sees; one that cannot be read is logged and skipped. */
    static ProtoComments load(ClassLoader loader) {
        Map<String, String> comments = new HashMap<>();
        try {
            for (URL url : Collections.list(loader.getResources(RESOURCE))) {
                try (InputStream in = url.openStream()) {
                    for (FileDescriptorProto file : FileDescriptorSet.parseFrom(in).getFileList()) {
                        read(file, comments);
                    }
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "Switchboard: cannot read the descriptor set " + url + " (its comments are left out"
                            + " of the OpenAPI document): " + e);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Switchboard: cannot list " + RESOURCE + ": " + e);
        }
        return new ProtoComments(Map.copyOf(comments));
    }

    /** The comment on an element, without comment markers; null when it has none. */
    String of(String fullName) {
        return byName.get(fullName);
    }

    static void read(FileDescriptorProto file, Map<String, String> comments) {
        Map<List<Integer>, String> byPath = new HashMap<>();
        for (SourceCodeInfo.Location location : file.getSourceCodeInfo().getLocationList()) {
            String text = location.hasLeadingComments() ? location.getLeadingComments() : location.getTrailingComments();
            text = clean(text);
            if (!text.isEmpty()) {
                byPath.put(location.getPathList(), text);
            }
        }
        if (byPath.isEmpty()) {
            return;
        }
        String scope = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
        for (int i = 0; i < file.getMessageTypeCount(); i++) {
            message(file.getMessageType(i), scope, List.of(FILE_MESSAGE, i), byPath, comments);
        }
        for (int i = 0; i < file.getEnumTypeCount(); i++) {
            enumeration(file.getEnumType(i), scope, List.of(FILE_ENUM, i), byPath, comments);
        }
        for (int i = 0; i < file.getServiceCount(); i++) {
            ServiceDescriptorProto service = file.getService(i);
            String name = scope + service.getName();
            List<Integer> path = List.of(FILE_SERVICE, i);
            put(comments, name, byPath.get(path));
            for (int m = 0; m < service.getMethodCount(); m++) {
                put(comments, name + "." + service.getMethod(m).getName(), byPath.get(with(path, SERVICE_METHOD, m)));
            }
        }
    }

    private static void message(DescriptorProto message, String scope, List<Integer> path, Map<List<Integer>, String> byPath,
            Map<String, String> comments) {
        String name = scope + message.getName();
        put(comments, name, byPath.get(path));
        for (int f = 0; f < message.getFieldCount(); f++) {
            put(comments, name + "." + message.getField(f).getName(), byPath.get(with(path, MESSAGE_FIELD, f)));
        }
        for (int n = 0; n < message.getNestedTypeCount(); n++) {
            message(message.getNestedType(n), name + ".", with(path, MESSAGE_NESTED, n), byPath, comments);
        }
        for (int e = 0; e < message.getEnumTypeCount(); e++) {
            enumeration(message.getEnumType(e), name + ".", with(path, MESSAGE_ENUM, e), byPath, comments);
        }
    }

    private static void enumeration(EnumDescriptorProto type, String scope, List<Integer> path, Map<List<Integer>, String> byPath,
            Map<String, String> comments) {
        String name = scope + type.getName();
        put(comments, name, byPath.get(path));
        for (int v = 0; v < type.getValueCount(); v++) {
            put(comments, name + "." + type.getValue(v).getName(), byPath.get(with(path, ENUM_VALUE, v)));
        }
    }

    private static List<Integer> with(List<Integer> path, int field, int index) {
        List<Integer> longer = new ArrayList<>(path);
        longer.add(field);
        longer.add(index);
        return longer;
    }

    private static void put(Map<String, String> comments, String name, String comment) {
        if (comment != null) {
            comments.putIfAbsent(name, comment);
        }
    }

    /** protoc keeps each line's text after {@code //} with its leading space: the lines stripped, as Markdown. */
    private static String clean(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            out.append(line.strip()).append('\n');
        }
        return out.toString().strip();
    }
}
