package dev.switchboard.internal;

import dev.switchboard.internal.container.ServletContainer;

import dev.switchboard.internal.container.InlineFirstExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    @ParameterizedTest
    @CsvSource(value = {"NULL,''", "'',''", "/,''", "/api/v1,/api/v1", "api/v1/,/api/v1", "' /api ',/api"}, nullValues = "NULL")
    void normalizesTheBasePath(String value, String expected) {
        assertThat(Settings.basePath(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(value = {
            "NULL,jetty/12.1.14,INLINE_FIRST", "auto,Jetty/12.0.1,INLINE_FIRST", "'',WildFly Full 39.0.1.Final,INLINE_FIRST",
            "auto,Undertow - 2.3,INLINE_FIRST", "auto,Apache Tomcat/11.0.0,POOLED", "auto,NULL,POOLED", "pooled,jetty/12.1.14,POOLED",
            "DIRECT,jetty/12.1.14,DIRECT", "inline-first,Apache Tomcat/11.0.0,INLINE_FIRST"}, nullValues = "NULL")
    void resolvesTheGrpcExecutorForTheContainer(String value, String serverInfo, Settings.GrpcExecutor expected) {
        assertThat(Settings.GrpcExecutor.of(value, ServletContainer.detect(serverInfo))).isEqualTo(expected);
    }

    @Test
    void rejectsAnUnknownGrpcExecutor() {
        assertThatThrownBy(() -> Settings.GrpcExecutor.of("fast", ServletContainer.detect("jetty/12.1.14")))
                .hasMessageContaining("switchboard.grpc-executor").hasMessageContaining("'fast'");
    }

    @ParameterizedTest
    @CsvSource(value = {"NULL,AUTO", "'',AUTO", "AUTO,AUTO", "switchboard,SWITCHBOARD", "' grpc-servlet ',GRPC_SERVLET"},
            nullValues = "NULL")
    void resolvesTheUnaryGrpcTransport(String value, Settings.GrpcTransport expected) {
        assertThat(Settings.GrpcTransport.of(value)).isEqualTo(expected);
    }

    @Test
    void rejectsAnUnknownGrpcTransport() {
        assertThatThrownBy(() -> Settings.GrpcTransport.of("netty"))
                .hasMessageContaining("switchboard.grpc-transport").hasMessageContaining("'netty'");
    }

    @Test
    void readsTheNonBlockingServicesAsAListOfNames() {
        assertThat(Settings.names(null)).isEmpty();
        assertThat(Settings.names(" ")).isEmpty();
        assertThat(Settings.names(" a.One, b.Two\n c.Three ,a.One,")).containsExactly("a.One", "b.Two", "c.Three");
    }

    @Test
    void inlineFirstRunsInlineUpToItsLimitThenOverflows() throws Exception {
        java.util.List<Runnable> overflowed = new java.util.ArrayList<>();
        InlineFirstExecutor executor = new InlineFirstExecutor(2, overflowed::add, thread -> false);
        Thread caller = Thread.currentThread();
        java.util.List<String> ran = new java.util.ArrayList<>();
        // nested: the third level is past the limit of two callbacks running inline at once
        executor.execute(() -> {
            ran.add("1 inline=" + (Thread.currentThread() == caller));
            executor.execute(() -> {
                ran.add("2 inline=" + (Thread.currentThread() == caller));
                executor.execute(() -> ran.add("3"));
            });
        });
        assertThat(ran).containsExactly("1 inline=true", "2 inline=true");
        assertThat(overflowed).hasSize(1);
        assertThat(executor.inlineNow()).isZero();
        overflowed.get(0).run();
        assertThat(ran).endsWith("3");
        executor.execute(() -> ran.add("4"));
        assertThat(ran).endsWith("4");
        assertThat(overflowed).hasSize(1);
    }
}
