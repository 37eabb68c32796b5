package org.barq.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A table of text cells, rendered as HTML for the report and as Markdown for the summary, so both show the same
 * numbers.
 *
 * @param caption what the table shows
 * @param header  the column titles
 * @param rows    the rows; each as long as the header
 */
record Table(String caption, List<String> header, List<List<String>> rows) {
    /** A cell of numbers (and arrows, signs, brackets, but no words) is right-aligned in HTML, so digits line up. */
    private static final Pattern NUMERIC = Pattern.compile("[−+-]?[0-9][^A-Za-z]*");

    /** Copies the lists and checks the row lengths. */
    Table {
        header = List.copyOf(header);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("table '" + caption + "': a row has " + row.size()
                        + " cells for " + header.size() + " columns");
            }
            copy.add(List.copyOf(row));
        }
        rows = List.copyOf(copy);
    }

    /**
     * @return the table as an HTML {@code <table>} with a caption, in a container that scrolls sideways when the
     *         table is wider than the page (its cells' values do not wrap), so that the page itself never does
     */
    String toHtml() {
        StringBuilder html = new StringBuilder("<div class=\"table-scroll\"><table>\n<caption>")
                .append(Html.escape(caption))
                .append("</caption>\n<thead><tr>");
        for (String h : header) {
            html.append("<th>").append(Html.escape(h)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            for (String cell : row) {
                html.append(cell.equals(Numbers.NOT_AVAILABLE) ? "<td class=\"na\">"
                                : NUMERIC.matcher(cell).matches() ? "<td class=\"num\">" : "<td>")
                        .append(Html.escape(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table></div>\n").toString();
    }

    /** @return the table in GitHub Markdown, its caption as an emphasised line above it */
    String toMarkdown() {
        StringBuilder md = new StringBuilder("*").append(markdownCell(caption)).append("*\n\n|");
        for (String h : header) {
            md.append(' ').append(markdownCell(h)).append(" |");
        }
        md.append("\n|");
        for (int i = 0; i < header.size(); i++) {
            md.append(" --- |");
        }
        md.append('\n');
        for (List<String> row : rows) {
            md.append('|');
            for (String cell : row) {
                md.append(' ').append(markdownCell(cell)).append(" |");
            }
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    private static String markdownCell(String text) {
        return text.replace("|", "\\|").replace("*", "\\*").replace("\n", " ");
    }
}
