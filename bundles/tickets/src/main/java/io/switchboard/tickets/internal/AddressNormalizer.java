package io.switchboard.tickets.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.switchboard.api.model.Address;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Brings addresses into the one form identities are stored and compared in, so that "+1 (415)
 * 555-0100" from SMS and "14155550100" from a chat form are the same customer.
 */
final class AddressNormalizer {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern SHORT_CODE = Pattern.compile("[0-9]{3,8}");
    private static final int MAX_LENGTH = 255;

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    /** @param defaultRegion ISO 3166 region for numbers written without a country code, e.g. "US" */
    AddressNormalizer(String defaultRegion) {
        this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
    }

    Address normalize(Address address) {
        String value = address.value().strip();
        String normalized = switch (address.kind()) {
            case PHONE -> phone(value);
            case EMAIL -> email(value);
            case CHAT_VISITOR, SOCIAL, EXTERNAL -> value;
        };
        if (normalized.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("address longer than " + MAX_LENGTH + " characters");
        }
        return new Address(address.kind(), normalized);
    }

    private String phone(String value) {
        try {
            PhoneNumber number = phones.parse(value, defaultRegion);
            if (phones.isPossibleNumber(number)) {
                return phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        } catch (NumberParseException e) {
            // handled below
        }
        // Short codes ("22395") are not E.164 numbers but do send and receive texts: kept as digits.
        if (SHORT_CODE.matcher(value).matches()) {
            return value;
        }
        throw new IllegalArgumentException("not a phone number: " + value);
    }

    private static String email(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(lower).matches()) {
            throw new IllegalArgumentException("not an e-mail address: " + value);
        }
        return lower;
    }
}
