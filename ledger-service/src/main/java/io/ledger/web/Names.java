package io.ledger.web;

import com.ibm.icu.text.SpoofChecker;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules for a name a request gives (an actor, a signer, a phase, whoever acknowledges an alert). A name is
 * compared with others (the owner with a signer, a person with the tokens' names), so it carries nothing a reader
 * cannot see: " dave " or "dave" with a no-break space or a zero-width space would otherwise pass for someone else.
 */
public final class Names {

    public static final int MAX_LENGTH = 200;

    /** Immutable once built, so one serves every thread. */
    private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().build();

    private Names() {
    }

    /**
     * {@code name} as people read it, so that two names that read alike are equal: case and Unicode width folded
     * ({@code DAVE}, a full-width {@code ｄａｖｅ}), then Unicode's confusables skeleton (UTS #39), in which a
     * {@code dаve} spelled with a Cyrillic {@code а} is {@code dave}. The skeleton is for comparing, never for
     * showing: it also makes {@code rn} read as {@code m}.
     */
    public static String asRead(String name) {
        return CONFUSABLES.getSkeleton(Normalizer.normalize(name, Normalizer.Form.NFKC).strip()
                .toLowerCase(Locale.ROOT));
    }

    public static boolean readAlike(String one, String other) {
        return asRead(one).equals(asRead(other));
    }

    /** What is wrong with {@code name}, if anything. */
    public static Optional<String> fault(String name) {
        if (name.isBlank() || name.length() > MAX_LENGTH) {
            return Optional.of("must be 1 to " + MAX_LENGTH + " characters");
        }
        if (isSpace(name.codePointAt(0)) || isSpace(name.codePointBefore(name.length()))) {
            return Optional.of("must not begin or end with white space");
        }
        return name.codePoints().filter(Names::isInvisible).boxed().findFirst().map(invisible ->
                "must not contain control or formatting characters (U+" + String.format("%04X", invisible) + ")");
    }

    private static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    private static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT;
    }
}
