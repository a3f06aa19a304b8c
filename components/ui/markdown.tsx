import ReactMarkdown from "react-markdown";

/** Runbooks and fallbacks: Markdown rendered without raw HTML (react-markdown is safe by default). */
export function Markdown({ text, empty }: { text: string; empty: string }) {
  if (!text.trim()) return <p className="text-sm italic text-slate-500">{empty}</p>;
  return (
    <div className="space-y-2 text-sm leading-relaxed text-slate-800 [&_a]:text-indigo-700 [&_a]:underline [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_h1]:font-semibold [&_h2]:font-semibold [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5">
      <ReactMarkdown skipHtml>{text}</ReactMarkdown>
    </div>
  );
}
