package org.amdistill.dataprep.lang;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;

/** A Kaldi (OpenFst) symbol table: {@code symbol id} lines, {@code <eps>} = 0 (phones.txt, words.txt). */
public final class SymbolTable {
    private final Map<String, Integer> ids = new LinkedHashMap<>();
    private final List<String> symbols = new ArrayList<>();

    public int add(String symbol) {
        Integer id = ids.get(symbol);
        if (id != null) {
            return id;
        }
        int next = symbols.size();
        ids.put(symbol, next);
        symbols.add(symbol);
        return next;
    }

    public boolean contains(String symbol) {
        return ids.containsKey(symbol);
    }

    public int id(String symbol) {
        Integer id = ids.get(symbol);
        if (id == null) {
            throw new AmdException("symbol '" + symbol + "' is not in the symbol table");
        }
        return id;
    }

    public String symbol(int id) {
        if (id < 0 || id >= symbols.size() || symbols.get(id) == null) {
            throw new AmdException("symbol id " + id + " is not in the symbol table");
        }
        return symbols.get(id);
    }

    public int size() {
        return symbols.size();
    }

    public List<String> symbols() {
        return Collections.unmodifiableList(symbols);
    }

    public static SymbolTable read(Path file) {
        SymbolTable t = new SymbolTable();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new AmdException("cannot read symbol table " + file + ": " + e.getMessage());
        }
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty()) {
                continue;
            }
            String[] f = l.split("\\s+");
            int id;
            try {
                id = Integer.parseInt(f[1]);
            } catch (RuntimeException e) {
                throw new AmdException(file + ":" + (i + 1) + ": expected 'symbol id', got '" + l + "'");
            }
            if (f.length != 2 || id != t.symbols.size()) {
                throw new AmdException(file + ":" + (i + 1) + ": expected 'symbol " + t.symbols.size()
                        + "' (ids consecutive from 0), got '" + l + "'");
            }
            if (t.ids.containsKey(f[0])) {
                throw new AmdException(file + ":" + (i + 1) + ": duplicate symbol '" + f[0] + "'");
            }
            t.add(f[0]);
        }
        return t;
    }

    public void write(Path file) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < symbols.size(); i++) {
            sb.append(symbols.get(i)).append(' ').append(i).append('\n');
        }
        try {
            AtomicFiles.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new AmdException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
