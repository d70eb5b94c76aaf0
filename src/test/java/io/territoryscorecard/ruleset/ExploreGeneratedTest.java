package io.territoryscorecard.ruleset;

import java.nio.file.Path;
import java.util.TreeSet;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.objectweb.asm.*;
import org.junit.jupiter.api.Test;

class ExploreGeneratedTest {
    @Test
    void explore() {
        RulesetSource source = RulesetSource.fromFolder(Path.of(System.getProperty("rules.dir", "rules")));
        KieServices ks = KieServices.get();
        var rid = ks.newReleaseId("x", "y", "1.0.0");
        var kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(rid);
        source.ruleFiles().forEach((p, c) -> kfs.write("src/main/resources/scorecard/" + p, c));
        var kb = ks.newKieBuilder(kfs);
        kb.buildAll(ExecutableModelProject.class);
        System.out.println(kb.getResults().getMessages());
        InternalKieModule km = (InternalKieModule) kb.getKieModule();
        System.out.println("MODULE " + km.getClass());
        TreeSet<String> refs = new TreeSet<>();
        for (String name : km.getFileNames()) {
            if (!name.endsWith(".class")) { System.out.println("FILE " + name); continue; }
            System.out.println("CLASS " + name);
            new ClassReader(km.getBytes(name)).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override public void visit(int v, int a, String n, String sig, String sup, String[] itf) {
                    refs.add("super " + sup); if (itf != null) for (String i : itf) refs.add("itf " + i);
                }
                @Override public MethodVisitor visitMethod(int a, String n, String d, String s, String[] e) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override public void visitMethodInsn(int op, String o, String nm, String ds, boolean i) { refs.add("call " + o + "." + nm); }
                        @Override public void visitFieldInsn(int op, String o, String nm, String ds) { refs.add("field " + o + "." + nm + (op == Opcodes.PUTSTATIC ? " PUTSTATIC" : "")); }
                        @Override public void visitTypeInsn(int op, String t) { refs.add("type " + t); }
                        @Override public void visitInvokeDynamicInsn(String nm, String ds, Handle bsm, Object... args) {
                            refs.add("indy " + bsm.getOwner() + "." + bsm.getName());
                            for (Object arg : args) if (arg instanceof Handle h) refs.add("handle " + h.getOwner() + "." + h.getName());
                        }
                        @Override public void visitLdcInsn(Object v) { if (v instanceof Type t) refs.add("ldc " + t.getInternalName()); }
                        @Override public void visitTryCatchBlock(Label s, Label e, Label h, String t) { refs.add("catch " + t); }
                        @Override public void visitInsn(int op) { if (op == Opcodes.MONITORENTER) refs.add("MONITORENTER"); }
                    };
                }
            }, 0);
        }
        refs.stream().filter(r -> !r.contains(" scorecard/") ).forEach(r -> System.out.println("REF " + r));
    }
}
