package io.territoryscorecard.measurement;

import io.territoryscorecard.account.CurrentAccount;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The imports page: upload a file, see what was imported or every problem in a table. */
@Controller
@PreAuthorize("hasRole('SALES_OPS')")
class ImportPageController {

    private final Imports imports;
    private final CurrentAccount current;

    ImportPageController(Imports imports, CurrentAccount current) {
        this.imports = imports;
        this.current = current;
    }

    @GetMapping("/imports")
    String page(Model model) {
        model.addAttribute("kinds", ImportKind.values());
        model.addAttribute("running", imports.current().orElse(null));
        return "measurement/imports";
    }

    @PostMapping("/imports")
    String upload(@RequestParam(defaultValue = "") String kind, @RequestParam(required = false) MultipartFile file,
            Model model) throws IOException {
        try {
            ImportKind importKind = ImportKind.of(kind);
            if (file == null) {
                throw new IllegalArgumentException("choose a file to import");
            }
            try (InputStream content = file.getInputStream()) {
                model.addAttribute("report", imports.importStream(importKind, file.getOriginalFilename(), content,
                        file.getSize(), current.username()));
            }
            model.addAttribute("selected", importKind);
        } catch (IllegalArgumentException | ImportAlreadyRunningException e) {
            model.addAttribute("error", e.getMessage());
        }
        return page(model);
    }
}
