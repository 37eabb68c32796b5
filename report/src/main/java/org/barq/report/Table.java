package org.barq.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A table of text cells, rendered as HTML for the report and as Markdown for the summary, so both show the same
 * numbers.
 *
 * @param caption what the table shows
 * @param header  the column titles
 * @param rows    the rows; each as long as the header
 */
record Table(String caption, List<String> header, List<List<String>> rows, Set<List<Integer>> best) {
    /** A cell of numbers (and arrows, signs, brackets, but no words) is right-aligned in HTML, so digits line up. */
    private static final Pattern NUMERIC = Pattern.compile("[−+-]?[0-9][^A-Za-z]*");

    /** A table with no cell marked best. */
    Table(String caption, List<String> header, List<List<String>> rows) {
        this(caption, header, rows, Set.of());
    }

    /** Copies the lists and checks the row lengths; {@code best} holds the {@code [row, column]} of each best cell. */
    Table {
        best = Set.copyOf(best);
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
        for (int r = 0; r < rows.size(); r++) {
            html.append("<tr>");
            for (int c = 0; c < header.size(); c++) {
                String cell = rows.get(r).get(c);
                String kind = cell.equals(Numbers.NOT_AVAILABLE) ? "na" : NUMERIC.matcher(cell).matches() ? "num" : "";
                String classes = (kind + (best.contains(List.of(r, c)) ? " best" : "")).strip();
                html.append(classes.isEmpty() ? "<td>" : "<td class=\"" + classes + "\">")
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
        for (int r = 0; r < rows.size(); r++) {
            md.append('|');
            for (int c = 0; c < header.size(); c++) {
                String cell = markdownCell(rows.get(r).get(c));
                md.append(' ').append(best.contains(List.of(r, c)) ? "**" + cell + "**" : cell).append(" |");
            }
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    private static String markdownCell(String text) {
        return text.replace("|", "\\|").replace("*", "\\*").replace("\n", " ");
    }
}
