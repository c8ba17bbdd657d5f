package dev.switchboard.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;

/**
 * The application's servlet filters that a native gRPC call would pass by: a native transport serves below the
 * servlet layer, so a filter mapped over a gRPC method's path (an audit or authentication filter of the application's)
 * would not see the call. Taken when Switchboard's initializer runs — the filters of web.xml and of the initializers
 * before it; a programmatic listener may not ask later — and asked at start: where any such filter would see a unary
 * method's path, unary calls stay on the servlet layer.
 */
record FiltersInFront(Map<String, List<String>> mappings) {

    /** The mappings of every filter but Switchboard's own ({@code ours}), by filter name. */
    static FiltersInFront of(ServletContext context, Set<String> ours) {
        Map<String, List<String>> mappings = new java.util.TreeMap<>();
        for (Map.Entry<String, ? extends FilterRegistration> filter : context.getFilterRegistrations().entrySet()) {
            if (ours.contains(filter.getKey())) {
                continue;
            }
            List<String> patterns = new ArrayList<>(filter.getValue().getUrlPatternMappings());
            // A filter mapped to a servlet by name may be mapped to the one that would serve the path: count it.
            filter.getValue().getServletNameMappings().forEach(name -> patterns.add("servlet:" + name));
            if (!patterns.isEmpty()) {
                mappings.put(filter.getKey(), List.copyOf(patterns));
            }
        }
        return new FiltersInFront(Map.copyOf(mappings));
    }

    /** The first filter that would see one of {@code methods}' paths ({@code /package.Service/Method}), or null. */
    String firstOver(Collection<String> methods) {
        for (Map.Entry<String, List<String>> filter : mappings.entrySet()) {
            for (String pattern : filter.getValue()) {
                for (String method : methods) {
                    if (matches(pattern, "/" + method)) {
                        return filter.getKey() + " (" + pattern + ")";
                    }
                }
            }
        }
        return null;
    }

    /** The servlet specification's URL patterns: exact, {@code /prefix/*}, {@code *.extension}, {@code /}. */
    static boolean matches(String pattern, String path) {
        if (pattern.startsWith("servlet:") || pattern.equals("/") || pattern.equals("/*")) {
            return true;
        }
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        if (pattern.startsWith("*.")) {
            return path.substring(path.lastIndexOf('/') + 1).endsWith(pattern.substring(1));
        }
        return pattern.equals(path);
    }
}
