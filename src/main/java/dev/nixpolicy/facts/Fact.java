package dev.nixpolicy.facts;

import java.util.List;
import java.util.Objects;
import org.kie.api.definition.type.ClassReactive;

/**
 * One known leaf of the facts, addressed by its dotted path in the facts file
 * ({@code auth.nativeOidc}, {@code host.domain}). A {@code null} value means the file gave
 * {@code null}: known to be absent. Leaves left out of the file are {@link Unknown} instead.
 */
@ClassReactive
public final class Fact implements Evidence {
    private final String path;
    private final Object value;
    private final boolean assumed;

    public Fact(String path, Object value) {
        this(path, value, false);
    }

    private Fact(String path, Object value, boolean assumed) {
        this.path = Objects.requireNonNull(path);
        this.value = value instanceof List<?> list ? List.copyOf(list) : value;
        this.assumed = assumed;
    }

    /**
     * A possible answer to an unknown, tried while exploring whether the answer matters; it
     * names itself as an assumption in every {@code because} it reaches.
     */
    public static Fact assumed(String path, Object value) {
        return new Fact(path, value, true);
    }

    public boolean isAssumed() { return assumed; }

    public String getPath() { return path; }

    public Object getValue() { return value; }

    /** The value as text, for DRL string tests on values of any type. */
    public String getText() { return value == null ? null : String.valueOf(value); }

    /** The value as a number, or -1 when it is not one; DRL compares ports and UIDs with it. */
    public int getNumber() { return value instanceof Number n ? n.intValue() : -1; }

    /** A list value's entries as text (empty when the value is no list): DRL iterates them with {@code from}. */
    public List<String> getItems() { return ListItems.of(value); }

    /** How many entries a list value has (0 when it is no list). */
    public int getCount() { return getItems().size(); }

    @Override public String evidence() {
        return (assumed ? ASSUMING : "") + path + " = " + (value == null ? "null" : value);
    }

    /** How the evidence of an assumed answer begins. */
    public static final String ASSUMING = "assuming ";

    @Override public String toString() { return "Fact[" + evidence() + "]"; }
}
