package io.territoryscorecard.ruleset.sandbox;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The second half of the sandbox (the first is {@link GeneratedClassCheck}): rewrites a class generated from the rule
 * files so that it calls {@link RuleBudget#check()} at the start of every method and before every backward jump, so
 * that a rule which loops or recurses forever is stopped when its time budget is spent.
 */
public final class BudgetInstrumentation {

    private static final String BUDGET = Type.getInternalName(RuleBudget.class);

    /** The class with a budget check at the start of every method and before every backward jump. */
    public byte[] instrument(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    return next;
                }
                return new MethodVisitor(Opcodes.ASM9, next) {
                    private final Set<Label> seen = new HashSet<>();

                    @Override
                    public void visitCode() {
                        super.visitCode();
                        budgetCheck();
                    }

                    @Override
                    public void visitLabel(Label label) {
                        super.visitLabel(label);
                        seen.add(label);
                    }

                    @Override
                    public void visitJumpInsn(int opcode, Label label) {
                        if (seen.contains(label)) {
                            budgetCheck();
                        }
                        super.visitJumpInsn(opcode, label);
                    }

                    private void budgetCheck() {
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, BUDGET, "check", "()V", false);
                    }
                };
            }
        }, 0);
        return writer.toByteArray();
    }
}
