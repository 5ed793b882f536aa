// The look of rendered messages (render.ts's classes, all `c-…`), shared by the sidebar and the viewer.
// Close to Google Chat's: cards with a rounded border, a header with avatar, grey labels, filled buttons.
export const MESSAGE_CSS = `
.c-msg{font:14px/20px Roboto,'Google Sans',Arial,sans-serif;color:#1f1f1f;padding:6px 0;overflow-wrap:anywhere}
.c-msg-head{display:flex;align-items:baseline;gap:6px;margin-bottom:2px}
.c-sender{font-weight:500}
.c-badge{font-size:11px;line-height:14px;padding:0 4px;border-radius:4px;background:#e8eaed;color:#444746}
.c-time{font-size:12px;color:#5f6368}
.c-msg-text{white-space:pre-wrap}
.c-msg-empty{color:#5f6368;font-style:italic}
.c-code{font-family:'Roboto Mono',monospace;font-size:13px;background:#f1f3f4;border-radius:4px;padding:0 3px}
.c-pre{font-family:'Roboto Mono',monospace;font-size:13px;background:#f1f3f4;border:1px solid #e0e0e0;border-radius:6px;padding:6px 8px;margin:4px 0;white-space:pre-wrap}
.c-link{color:#0b57d0;text-decoration:none}
.c-link:hover{text-decoration:underline}
.c-mention{color:#0b57d0;background:#e8f0fe;border-radius:4px;padding:0 2px}
.c-card-wrap{margin-top:6px;max-width:400px}
.c-card{border:1px solid #dadce0;border-radius:12px;background:#fff;overflow:hidden}
.c-card-header{display:flex;align-items:center;gap:12px;padding:12px 16px}
.c-card-title{font-size:16px;line-height:22px;font-weight:500}
.c-card-subtitle,.c-label{font-size:12px;line-height:16px;color:#5f6368}
.c-avatar{width:36px;height:36px;object-fit:cover;border-radius:4px;background:#f1f3f4}
.c-circle{border-radius:50%}
.c-section{padding:8px 16px}
.c-section-header{font-size:14px;font-weight:500;color:#444746;margin-bottom:6px}
.c-section-divider{border:0;border-top:1px solid #e0e0e0;margin:0}
.c-text{margin:6px 0;white-space:pre-wrap}
.c-clamp{display:-webkit-box;-webkit-box-orient:vertical;overflow:hidden}
.c-deco{display:flex;align-items:center;gap:12px;margin:6px 0}
.c-deco-body{flex:1;min-width:0}
.c-nowrap{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.c-icon{display:inline-flex;align-items:center;justify-content:center;width:20px;height:20px;font-size:16px;color:#444746;vertical-align:middle;object-fit:cover}
.c-buttons,.c-footer{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.c-footer{justify-content:flex-end;padding:8px 16px;border-top:1px solid #e0e0e0;margin:0}
.c-button,.c-chip{display:inline-flex;align-items:center;gap:4px;font-size:14px;font-weight:500;line-height:20px;padding:6px 16px;border-radius:18px;text-decoration:none;cursor:default}
.c-filled{background:#0b57d0;color:#fff}
.c-outlined{border:1px solid #747775;color:#0b57d0;background:#fff}
.c-borderless{color:#0b57d0;padding:6px 8px}
.c-chip{border-radius:8px;color:#444746;border-color:#c4c7c5}
.c-disabled{opacity:.45}
.c-image{display:block;max-width:100%;border-radius:8px;margin:6px 0}
.c-missing{padding:16px;background:#f1f3f4;color:#5f6368;text-align:center;font-size:12px}
.c-divider{border:0;border-top:1px solid #e0e0e0;margin:8px 0}
.c-columns{display:flex;gap:12px}
.c-column{flex:1;min-width:0}
.c-grid-heading{font-weight:500;margin:6px 0}
.c-grid-items{display:grid;gap:8px}
.c-grid-item{min-width:0}
.c-grid-title{font-size:13px}
.c-box{display:flex;flex-direction:column;gap:2px;border:1px dashed #9aa0a6;border-radius:8px;padding:6px 10px;margin:6px 0;background:#f8f9fa}
.c-unknown{border-color:#d93025;background:#fce8e6}
.c-box-kind{font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:#5f6368}
.c-unknown .c-box-kind{color:#b3261e}
.c-switch{display:inline-block;width:32px;height:18px;border-radius:9px;background:#c4c7c5;position:relative}
.c-switch:after{content:'';position:absolute;top:3px;left:3px;width:12px;height:12px;border-radius:50%;background:#fff}
.c-switch.c-on{background:#0b57d0}
.c-switch.c-on:after{left:17px}
.c-checkbox{width:16px;height:16px;border-radius:3px}
.c-checkbox:after{display:none}
.c-align-center{text-align:center}
.c-align-center .c-buttons{justify-content:center}
.c-align-end{text-align:right}
.c-align-end .c-buttons{justify-content:flex-end}
.c-more summary{color:#0b57d0;cursor:pointer;font-size:13px;margin:4px 0}
.c-bullet{color:#5f6368}
.c-files{display:flex;flex-direction:column;gap:4px;margin-top:6px}
.c-file{display:flex;align-items:center;gap:8px;max-width:320px;border:1px solid #dadce0;border-radius:8px;padding:8px 10px;background:#fff}
.c-file-icon{display:inline-flex;color:#444746}
.c-file-name{font-weight:500;flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.c-file-size{font-size:12px;color:#5f6368;white-space:nowrap}
.c-private{margin-top:4px;font-size:12px;font-style:italic;color:#5f6368}
.c-msg-private .c-msg-text{color:#1f1f1f}
.c-reactions{display:flex;flex-wrap:wrap;gap:4px;margin-top:6px}
.c-reaction{display:inline-flex;align-items:center;gap:4px;font-size:13px;line-height:20px;padding:1px 8px;border-radius:12px;background:#e8f0fe;border:1px solid #d3e3fd}
.c-reaction-count{font-size:12px;color:#0b57d0;font-weight:500}
`;
