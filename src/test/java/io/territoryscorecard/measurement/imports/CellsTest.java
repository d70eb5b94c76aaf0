package io.territoryscorecard.measurement.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CellsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "1.5|1.5", "-0|0", "+0.0|0", "0.000000|0", "1e3|1000", "1.5E-2|0.015", "-12.25|-12.25", ".5|0.5",
        "99999999999999.999999|99999999999999.999999", "1.100|1.1", "007|7"})
    void acceptsNumbersThatFitDecimal20And6(String text, String expected) throws Cells.InvalidCell {
        assertThat(Cells.number(text)).isEqualByComparingTo(new BigDecimal(expected));
        assertThat(Cells.number(text).toPlainString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "1,5|'1,5' has a decimal comma; use a decimal point: 1.5",
        "1,234|'1,234' has a comma; use a decimal point (1.234) and no thousands separators (1234)",
        "1.234.567,89|'1.234.567,89' has a thousands separator; write the number without it and with a decimal point, such as 1234567.89",
        "1e309|'1e309' is too large: at most 14 digits before the decimal point",
        "123456789012345|'123456789012345' is too large: at most 14 digits before the decimal point",
        "0.1234567|'0.1234567' has more than 6 decimals; round it to at most 6",
        "1e-309|'1e-309' has more than 6 decimals; round it to at most 6",
        "NaN|'NaN' is not a number; write a finite number, or leave the cell empty when there is no value",
        "-Infinity|'-Infinity' is not a number; write a finite number, or leave the cell empty when there is no value",
        "=HYPERLINK(\"http://x\")|'=HYPERLINK(\"http://x\")' is not a number",
        "12 EUR|'12 EUR' is not a number",
        "0x10|'0x10' is not a number",
        "1e9999999999|'1e9999999999' is not a number"})
    void refusesWhatIsNotAStorableNumberWithTheReason(String text, String message) {
        assertThatThrownBy(() -> Cells.number(text)).isInstanceOf(Cells.InvalidCell.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({"NORTH-01", "a.b_c-1", "7"})
    void acceptsCodes(String code) throws Cells.InvalidCell {
        assertThat(Cells.code(code, 40)).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {"=HYPERLINK(\"x\")", "NORTH 01", "-1", "Straße"})
    void refusesCodesWithOtherCharacters(String code) {
        assertThatThrownBy(() -> Cells.code(code, 40)).hasMessageContaining("is not a code");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Jana.Lange@Example.com|jana.lange@example.com"})
    void emailsAreComparedInLowerCase(String text, String expected) throws Cells.InvalidCell {
        assertThat(Cells.email(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"not-an-address", "a@b", "two@@example.com"})
    void refusesWhatIsNotAnEmail(String text) {
        assertThatThrownBy(() -> Cells.email(text)).hasMessageContaining("is not an e-mail address");
    }
}
